import type { ViewContext } from '../platform/web/env';
import { Layout } from '../platform/web/layout';
import type { SellerFigures } from './figures';

const WIDTH = 600;
const HEIGHT = 160;

/** Sales per month as bars, drawn on the server: no script, readable by screen readers through the table below. */
function SalesChart({ v, figures }: { v: ViewContext; figures: SellerFigures }) {
  const top = Math.max(1, ...figures.months.map((m) => m.salesYen));
  const slot = WIDTH / figures.months.length;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT + 20}`}
      width="100%"
      role="img"
      aria-label={v.t.trading.figures.sales}
      data-testid="sales-chart"
    >
      {figures.months.map((m, i) => {
        const h = Math.round((m.salesYen / top) * HEIGHT);
        return (
          <g>
            <rect x={i * slot + 4} y={HEIGHT - h} width={slot - 8} height={h} fill="currentColor" opacity="0.7">
              <title>{v.t.trading.figures.chart(m.month, v.t.marketplace.yen(m.salesYen))}</title>
            </rect>
            <text x={i * slot + slot / 2} y={HEIGHT + 15} font-size="11" text-anchor="middle">
              {m.month.slice(5)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function FiguresPage({ v, figures }: { v: ViewContext; figures: SellerFigures }) {
  const t = v.t.trading.figures;
  const rate = figures.completionRate === null ? t.none : `${Math.round(figures.completionRate * 100)}%`;
  const rating =
    figures.averageRating === null ? t.none : t.ratingOf(figures.averageRating.toFixed(1), figures.ratingCount);
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <p class="muted">{t.lead}</p>
      <section class="card">
        <p>
          {t.completionRate}: <strong data-testid="completion-rate">{rate}</strong>{' '}
          <span class="small muted">{t.completionHint}</span>
        </p>
        <p>
          {t.averageRating}: <strong data-testid="average-rating">{rating}</strong>
        </p>
        <SalesChart v={v} figures={figures} />
        <table data-testid="figures-table">
          <thead>
            <tr>
              <th>{t.month}</th>
              <th>{t.views}</th>
              <th>{t.orders}</th>
              <th>{t.sales}</th>
            </tr>
          </thead>
          <tbody>
            {figures.months.map((m) => (
              <tr>
                <td>{m.month}</td>
                <td>{m.views}</td>
                <td>{m.orders}</td>
                <td>{v.t.marketplace.yen(m.salesYen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
