/**
 * The name an attachment gets inside the export ZIP. The member typed the original name, so it is kept as text and
 * never used as a path: only its last part, without control or reserved characters or leading dots, after the
 * attachment's id (so two files of the same name stay apart). `../../../../tmp/x.png` becomes `attachments/<id>-x.png`.
 */
export function attachmentEntryName(attachmentId: string, originalName: string): string {
  const last = originalName.split(/[\\/]/).pop() ?? '';
  const safe = last
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return `attachments/${attachmentId}-${safe || 'file'}`;
}
