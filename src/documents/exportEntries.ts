import type yazl from 'yazl';
import { exportJson } from '../export/json';
import type { Deps } from '../platform/deps';
import type { Locale } from '../platform/i18n';
import { invoiceNumberOf } from './invoiceRegistration';
import { documentsOf } from './list';
import { renderDocumentPdf } from './pdf';
import { recordOf } from './records';

/**
 * The export's documents.json (every document, its number once issued, the registration number) and a copy of
 * each issued document under documents/ as it stands; the copy does not count as a reissue.
 */
export async function addDocumentEntries(deps: Deps, zip: yazl.ZipFile, memberId: string, locale: Locale) {
  const items = await documentsOf(deps.db, memberId, deps.clock.now());
  const invoiceNumber = await invoiceNumberOf(deps, memberId);
  zip.addBuffer(
    Buffer.from(exportJson({ invoiceRegistrationNumber: invoiceNumber, documents: items })),
    'documents.json',
  );
  for (const item of items) {
    const record = item.issued && (await recordOf(deps.db, memberId, item.kind, item.subject));
    if (!item.issued || !record) continue;
    const pdf = await renderDocumentPdf({
      locale,
      record,
      operator: deps.config.operator,
      document: {
        ...item.issued,
        kind: item.kind,
        sellerInvoiceNumber: item.kind === 'invoice' ? invoiceNumber : null,
      },
    });
    zip.addBuffer(pdf, `documents/${item.issued.number}.pdf`);
  }
}
