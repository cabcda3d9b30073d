import type { ViewContext } from '../platform/web/env';
import type { FieldErrors } from '../platform/web/forms';
import { formatDate } from '../platform/web/dates';
import { CsrfField, Field, Layout, Notice } from '../platform/web/layout';
import { documentPath, type DocumentItem } from './list';

export function itemLabel(v: ViewContext, item: DocumentItem): string {
  const t = v.t.documents;
  if (item.kind === 'invoice') return t.monthLabel(item.subject);
  if (item.kind === 'annual_report') return t.yearLabel(item.subject);
  return `${item.title}（${formatDate(v, item.at)}）`;
}

/** マイページ → 書類: every document with its download link; a receipt not yet named offers the 宛名 form. */
export function DocumentsPage(props: {
  v: ViewContext;
  items: DocumentItem[];
  notice?: string | null;
  /** The receipt whose 宛名 form came back with a problem, with what was typed. */
  addressee?: { orderId: string; value: string; errors: FieldErrors<'addressee'> };
}) {
  const { v, items } = props;
  const t = v.t.documents;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <Notice text={props.notice} />
      <p>{t.lead}</p>
      <p>
        <a href="/settings/invoice-number">{t.invoiceNumber.link}</a>
      </p>
      {items.length === 0 ? <p class="muted">{t.none}</p> : null}
      <ul class="card" data-testid="documents">
        {items.map((item) => (
          <li data-kind={item.kind}>
            <strong>{t.kinds[item.kind]}</strong> {itemLabel(v, item)}
            {item.issued ? (
              <span class="small muted"> {t.issuedAs(item.issued.number, item.issued.reissueCount)}</span>
            ) : null}
            {' · '}
            <a href={documentPath(item.kind, item.subject)} download>
              {t.download}
            </a>
            {item.kind === 'receipt' ? <AddresseeForm v={v} item={item} addressee={props.addressee} /> : null}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function AddresseeForm(props: {
  v: ViewContext;
  item: DocumentItem;
  addressee?: Parameters<typeof DocumentsPage>[0]['addressee'];
}) {
  const { v, item } = props;
  const t = v.t.documents;
  if (item.issued?.addressee) return <p class="small">{t.addresseeFixed(item.issued.addressee)}</p>;
  const mine = props.addressee?.orderId === item.subject ? props.addressee : undefined;
  return (
    <form method="post" action={`/mypage/documents/receipt/${item.subject}/addressee`} novalidate>
      <CsrfField v={v} />
      <Field
        v={v}
        name="addressee"
        label={t.addressee}
        hint={t.addresseeHint}
        value={mine?.value}
        error={mine?.errors.addressee?.(v.t)}
        maxlength={60}
        required
      />
      <button type="submit" class="secondary">
        {t.addresseeSubmit}
      </button>
    </form>
  );
}

export function InvoiceNumberPage(props: {
  v: ViewContext;
  current: string | null;
  value?: string;
  errors?: FieldErrors<'number'>;
  notice?: string | null;
}) {
  const { v } = props;
  const t = v.t.documents.invoiceNumber;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <Notice text={props.notice} />
      <p>{t.lead}</p>
      {props.current ? <p data-testid="invoice-number">{t.current(props.current)}</p> : null}
      <form method="post" action="/settings/invoice-number" class="card narrow" novalidate>
        <CsrfField v={v} />
        <Field
          v={v}
          name="number"
          label={t.label}
          hint={t.hint}
          value={props.value ?? props.current ?? ''}
          error={props.errors?.number?.(v.t)}
          maxlength={40}
          autocomplete="off"
          required
        />
        <button type="submit">{t.save}</button>
      </form>
      {props.current ? (
        <form method="post" action="/settings/invoice-number/remove">
          <CsrfField v={v} />
          <button type="submit" class="secondary">
            {t.remove}
          </button>
        </form>
      ) : null}
      <p>
        <a href="/mypage/documents">{v.t.documents.title}</a>
      </p>
    </Layout>
  );
}

/** On a completed order, for its buyer: the 領収書 and where all their documents are. */
export function ReceiptLink({ v, orderId }: { v: ViewContext; orderId: string }) {
  const t = v.t.documents;
  return (
    <p>
      <a href={documentPath('receipt', orderId)} data-testid="receipt-link" download>
        {t.receiptPdf}
      </a>
      {' · '}
      <a href="/mypage/documents">{t.title}</a>
    </p>
  );
}
