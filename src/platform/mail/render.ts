import type { Locale } from '../i18n';

/** What every email says, before it becomes text and HTML. Templates build this; nothing else formats mail. */
export type EmailContent = {
  subject: string;
  greeting: string;
  /** Paragraphs in order; an array is a list (bullets in the text, <ul> in the HTML). */
  paragraphs: (string | string[])[];
  action?: { label: string; url: string };
  /** Said under the action: why the member got this mail, what to do if it was not them. */
  footnotes?: string[];
};

export type RenderedEmail = { subject: string; text: string; html: string };

const signature: Record<Locale, string> = {
  ja: '技市 Wazaichi\nこのメールは送信専用です。お問い合わせはサイトのヘルプからどうぞ。',
  en: 'Wazaichi\nThis address does not receive replies. Please contact us through the help page.',
};

const bullet: Record<Locale, string> = { ja: '・', en: '- ' };

/** Who sends the mail and where the legal notices are, under every mail's signature. */
export type MailFooter = { operatorName: string; baseUrl: string };

function footerLines(locale: Locale, footer: MailFooter | undefined): string {
  if (!footer) return '';
  const { operatorName: name, baseUrl } = footer;
  return locale === 'ja'
    ? `\n運営：${name}\n特定商取引法に基づく表記：${baseUrl}/legal/tokushoho`
    : `\nOperated by ${name}\nLegal notice: ${baseUrl}/legal/tokushoho`;
}

export function renderEmail(locale: Locale, content: EmailContent, footer?: MailFooter): RenderedEmail {
  const signed = signature[locale] + footerLines(locale, footer);
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [
      typeof p === 'string' ? p : p.map((item) => `${bullet[locale]}${item}`).join('\n'),
      '',
    ]),
    ...(content.action ? [`${content.action.label}:`, content.action.url, ''] : []),
    ...(content.footnotes ?? []).flatMap((p) => [p, '']),
    '--',
    signed,
  ].join('\n');
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:sans-serif;line-height:1.7;color:#222;max-width:560px;margin:0 auto;padding:16px">
<p>${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((p) => (typeof p === 'string' ? `<p>${escapeHtml(p)}</p>` : `<ul>${p.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`)).join('\n')}
${content.action ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#c2410c;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p><p style="font-size:12px;color:#555">${escapeHtml(content.action.url)}</p>` : ''}
${(content.footnotes ?? []).map((p) => `<p style="font-size:13px;color:#555">${escapeHtml(p)}</p>`).join('\n')}
<hr><p style="font-size:12px;color:#777">${escapeHtml(signed).replace(/\n/g, '<br>')}</p>
</body></html>`;
  return { subject: content.subject, text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

/**
 * One mail template: its Japanese and English versions side by side, each a whole mail for the same data,
 * so a language cannot be forgotten or drift into a different shape.
 */
export function defineMail<D>(
  versions: Record<Locale, (data: D) => EmailContent>,
): (locale: Locale, data: D) => EmailContent {
  return (locale, data) => versions[locale](data);
}
