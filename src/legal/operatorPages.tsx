import type { OperatorIdentity } from '../platform/config';
import type { ViewContext } from '../platform/web/env';
import { Layout } from '../platform/web/layout';

/** The operator's name, representative, address and contact, as one table. */
export function OperatorTable({
  v,
  operator,
  withInvoiceNumber = false,
}: {
  v: ViewContext;
  operator: OperatorIdentity;
  withInvoiceNumber?: boolean;
}) {
  const t = v.t.legal.operator;
  return (
    <table class="card" data-testid="operator">
      <tbody>
        <Row label={t.legalName} value={operator.legalName} />
        <Row label={t.representative} value={operator.representative} />
        <Row label={t.address} value={operator.address} />
        <Row label={t.phone} value={operator.phone} />
        <Row label={t.email} value={operator.email} />
        {withInvoiceNumber ? <Row label={t.invoiceNumber} value={operator.invoiceNumber} /> : null}
      </tbody>
    </table>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
}

export function SampleBanner({ v, operator }: { v: ViewContext; operator: OperatorIdentity }) {
  return operator.isSample ? <p class="banner">{v.t.legal.sample}</p> : null;
}

export type TokushohoData = { operator: OperatorIdentity; payoutFeeYen: number; platformFeePercent: number };

export function TokushohoPage({ v, data }: { v: ViewContext; data: TokushohoData }) {
  const t = v.t.legal.tokushoho;
  const rows: [string, string][] = [
    [t.price, t.priceBody],
    [
      t.otherFees,
      `${t.otherFeesBody(v.t.marketplace.yen(data.payoutFeeYen))} ${t.feePercent(data.platformFeePercent)}`,
    ],
    [t.payment, t.paymentBody],
    [t.paymentTiming, t.paymentTimingBody],
    [t.delivery, t.deliveryBody],
    [t.cancel, t.cancelBody],
    [t.environment, t.environmentBody],
  ];
  return (
    <Layout v={v} title={t.title}>
      <h1>{t.title}</h1>
      <SampleBanner v={v} operator={data.operator} />
      <p>{t.lead}</p>
      <OperatorTable v={v} operator={data.operator} />
      <table class="card" data-testid="tokushoho">
        <tbody>
          {rows.map(([label, value]) => (
            <Row label={label} value={value} />
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function CompanyPage({ v, operator }: { v: ViewContext; operator: OperatorIdentity }) {
  const t = v.t.legal.company;
  return (
    <Layout v={v} title={t.title}>
      <h1>{t.title}</h1>
      <SampleBanner v={v} operator={operator} />
      <OperatorTable v={v} operator={operator} withInvoiceNumber />
      <h2>{t.business}</h2>
      <p>{t.businessBody}</p>
      <h2>{t.contact}</h2>
      <p>
        {t.contactBody} <a href="/support">{v.t.support.title}</a>
      </p>
    </Layout>
  );
}

/** The items APPI §32 asks to be made known, under the privacy page's table of data. */
export function PrivacyOperatorSection({ v, operator }: { v: ViewContext; operator: OperatorIdentity }) {
  const t = v.t.legal.privacy;
  return (
    <section id="operator">
      <h2>{t.title}</h2>
      <SampleBanner v={v} operator={operator} />
      <OperatorTable v={v} operator={operator} />
      <h3>{t.purposes}</h3>
      <p>{t.purposesBody}</p>
      <h3>{t.requests}</h3>
      <p>
        {t.requestsBody} <a href="/support">{v.t.support.title}</a>
      </p>
      <h3>{t.complaints}</h3>
      <p>{t.complaintsBody(operator.email)}</p>
    </section>
  );
}
