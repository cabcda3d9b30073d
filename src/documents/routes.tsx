import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { keepValues, parseForm } from '../platform/web/forms';
import { currentMember, formBody, memberOnly, render } from '../platform/web/http';
import { addresseeForm, invoiceNumberForm } from './forms';
import { invoiceNumberOf, removeInvoiceNumber, saveInvoiceNumber } from './invoiceRegistration';
import { issueDocument, type Issued } from './issue';
import { documentsOf } from './list';
import { DocumentsPage, InvoiceNumberPage } from './pages';
import { renderDocumentPdf } from './pdf';
import { documentKinds } from './schema';

const downloadParams = z.object({
  kind: z.enum(documentKinds),
  file: z.string().regex(/^([0-9a-f-]{36}|\d{4}-\d{2}|\d{4})\.pdf$/),
});

/** A PDF answer: private to its member, never cached on the way. */
export async function pdfResponse(c: Context<AppEnv>, issued: Extract<Issued, { ok: true }>) {
  const deps = c.get('deps');
  const pdf = await renderDocumentPdf({ ...issued, locale: c.get('view').locale, operator: deps.config.operator });
  return c.body(new Uint8Array(pdf), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${issued.document.number}.pdf"`,
    'Cache-Control': 'private, no-store',
  });
}

async function renderList(c: Context<AppEnv>, extra: Omit<Parameters<typeof DocumentsPage>[0], 'v' | 'items'> = {}) {
  const deps = c.get('deps');
  const items = await documentsOf(deps.db, currentMember(c).id, deps.clock.now());
  return render(c, <DocumentsPage v={c.get('view')} items={items} {...extra} />, extra.addressee ? 422 : 200);
}

/** マイページ → 書類 (/mypage/documents) and the seller's registration number (/settings/invoice-number). */
export function documentRoutes() {
  const app = new Hono<AppEnv>();
  for (const path of [
    '/mypage/documents',
    '/mypage/documents/*',
    '/settings/invoice-number',
    '/settings/invoice-number/*',
  ])
    app.use(path, memberOnly);

  app.get('/mypage/documents', (c) => renderList(c));

  // Issued for the member signed in, from their own records only: another member's order or month is not found.
  app.get('/mypage/documents/:kind/:file', async (c) => {
    const params = downloadParams.safeParse(c.req.param());
    if (!params.success) return notFoundPage(c);
    const subject = params.data.file.slice(0, -'.pdf'.length);
    const issued = await issueDocument(c.get('deps'), {
      memberId: currentMember(c).id,
      kind: params.data.kind,
      subject,
    });
    return issued.ok ? pdfResponse(c, issued) : notFoundPage(c);
  });

  app.post('/mypage/documents/receipt/:orderId/addressee', async (c) => {
    const orderId = c.req.param('orderId');
    const body = await formBody(c);
    const form = parseForm(addresseeForm, body);
    const value = keepValues(body, ['addressee']).addressee ?? '';
    if (!form.ok) return renderList(c, { addressee: { orderId, value, errors: form.errors } });
    const issued = await issueDocument(c.get('deps'), {
      memberId: currentMember(c).id,
      kind: 'receipt',
      subject: orderId,
      addressee: form.value.addressee,
    });
    if (issued.ok) return pdfResponse(c, issued);
    if (issued.problem === 'recordsGone') return notFoundPage(c);
    return renderList(c, {
      addressee: { orderId, value, errors: { addressee: (t) => t.documents.errors.addresseeSet } },
    });
  });

  app.get('/settings/invoice-number', async (c) => {
    const t = c.get('view').t.documents.invoiceNumber;
    const notices: Record<string, string> = { saved: t.saved, removed: t.removed };
    const current = await invoiceNumberOf(c.get('deps'), currentMember(c).id);
    return render(
      c,
      <InvoiceNumberPage v={c.get('view')} current={current} notice={notices[c.req.query('notice') ?? ''] ?? null} />,
    );
  });
  app.post('/settings/invoice-number', async (c) => {
    const body = await formBody(c);
    const form = parseForm(invoiceNumberForm, body);
    const deps = c.get('deps');
    const member = currentMember(c);
    if (!form.ok) {
      const current = await invoiceNumberOf(deps, member.id);
      const value = keepValues(body, ['number']).number ?? '';
      return render(
        c,
        <InvoiceNumberPage v={c.get('view')} current={current} value={value} errors={form.errors} />,
        422,
      );
    }
    await saveInvoiceNumber(deps, member.id, form.value.number);
    return c.redirect('/settings/invoice-number?notice=saved', 303);
  });
  app.post('/settings/invoice-number/remove', async (c) => {
    await removeInvoiceNumber(c.get('deps'), currentMember(c).id);
    return c.redirect('/settings/invoice-number?notice=removed', 303);
  });
  return app;
}
