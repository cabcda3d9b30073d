import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { OperatorIdentity } from '../platform/config';
import type { Locale } from '../platform/i18n';
import { japanDate } from '../platform/i18n/dates';
import { CONSUMPTION_TAX_PERCENT, includedTaxYen } from '../platform/tax';
import type { IssuedDocument } from './issue';
import type { AnnualRecord, DocumentRecord, InvoiceRecord, ReceiptRecord } from './records';
import { documentStrings } from './strings';

// BIZ UDPGothic from its npm package, read once: documents embed (a subset of) it, nothing is fetched at run time.
const fontFile = (weight: string) =>
  createRequire(import.meta.url).resolve(`@expo-google-fonts/biz-udpgothic/${weight}/BIZUDPGothic_${weight}.ttf`);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= { regular: readFileSync(fontFile('400Regular')), bold: readFileSync(fontFile('700Bold')) };
  return fonts;
}

type Strings = (typeof documentStrings)['ja'];
type Doc = InstanceType<typeof PDFDocument>;
export type PdfInput = { locale: Locale; document: IssuedDocument; record: DocumentRecord; operator: OperatorIdentity };

/** The PDF of an issued document, in the member's language, with the operator's details and any 再発行 mark. */
export function renderDocumentPdf(input: PdfInput): Promise<Buffer> {
  const t = documentStrings[input.locale];
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: input.document.number } });
  const { regular, bold } = loadFonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  header(doc, t, input);
  const { record } = input;
  if (record.kind === 'receipt') receiptBody(doc, t, input, record);
  else if (record.kind === 'invoice') invoiceBody(doc, t, input, record);
  else annualBody(doc, t, record);
  issuer(doc, t, input.operator);
  doc.end();
  return done;
}

function header(doc: Doc, t: Strings, { locale, document, record }: PdfInput) {
  const titles = { receipt: t.pdf.receipt.title, invoice: t.pdf.invoice.title, annual_report: t.pdf.annual.title };
  doc.font('bold').fontSize(22).text(titles[record.kind], { align: 'center' });
  if (document.reissueCount > 0) doc.fontSize(14).fillColor('#b00020').text(t.pdf.reissue, { align: 'center' });
  doc.fillColor('black').font('regular').fontSize(10).moveDown();
  doc.text(`${t.pdf.number}：${document.number}`, { align: 'right' });
  doc.text(`${t.pdf.issuedOn}：${japanDate(locale, document.issuedAt)}`, { align: 'right' });
  doc.moveDown();
  const name = document.addressee ?? '';
  doc.fontSize(14).text(t.pdf.honorific ? `${name}　${t.pdf.honorific}` : name || ' ');
  doc.fontSize(10).moveDown();
}

function receiptBody(doc: Doc, t: Strings, { locale }: PdfInput, r: ReceiptRecord) {
  const s = t.pdf.receipt;
  doc.font('bold').fontSize(20).text(s.amount(r.paidYen), { align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .text(s.taxLine(CONSUMPTION_TAX_PERCENT, includedTaxYen(r.paidYen)), { align: 'center' });
  doc.moveDown().fontSize(11).text(s.purpose(r.title)).text(s.received).moveDown();
  doc.fontSize(10);
  doc.text(`${s.order}：${r.orderId}`);
  doc.text(`${s.completedOn}：${japanDate(locale, r.completedAt)}`);
  doc.text(`${s.price}：${yen(r.priceYen)}`);
  if (r.pointsUsed > 0) doc.text(`${s.points}：${yen(-r.pointsUsed)}`);
  doc.text(`${s.paid}：${yen(r.paidYen)}`);
}

function invoiceBody(doc: Doc, t: Strings, { locale, document }: PdfInput, r: InvoiceRecord) {
  const s = t.pdf.invoice;
  doc.text(s.period(t.monthLabel(r.span.label)));
  if (document.sellerInvoiceNumber) doc.text(s.sellerNumber(document.sellerInvoiceNumber));
  doc.moveDown();
  for (const line of r.lines) doc.text(s.line(japanDate(locale, line.at), line.title, line.saleYen, line.feeYen));
  doc.moveDown().font('bold').fontSize(14).text(s.total(r.feeYen));
  doc
    .font('regular')
    .fontSize(10)
    .text(s.taxLine(CONSUMPTION_TAX_PERCENT, r.feeYen, includedTaxYen(r.feeYen)));
  doc.moveDown().text(s.deducted);
}

function annualBody(doc: Doc, t: Strings, r: AnnualRecord) {
  const s = t.pdf.annual;
  doc
    .text(s.period(t.yearLabel(r.span.label)))
    .moveDown()
    .fontSize(12);
  const rows: [string, number][] = [
    [s.purchases, r.purchasesYen],
    [s.sales, r.salesYen],
    [s.fees, r.feesYen],
    [s.payouts, r.payoutsYen],
    [s.payoutFees, r.payoutFeesYen],
  ];
  for (const [label, amount] of rows) doc.text(`${label}：${s.yen(amount)}`);
  doc.fontSize(10);
}

function issuer(doc: Doc, t: Strings, operator: OperatorIdentity) {
  doc.moveDown(2).fontSize(10).text(`${t.pdf.operator}：${operator.legalName}`);
  doc.text(operator.address).text(`${operator.representative}`).text(`${operator.phone}　${operator.email}`);
  doc.text(t.pdf.operatorNumber(operator.invoiceNumber));
}

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;
