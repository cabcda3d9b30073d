import { japanDate } from '../platform/i18n/dates';
import type { ViewContext } from '../platform/web/env';
import { CsrfField, FormProblem, Layout, Notice } from '../platform/web/layout';
import type { TermsVersion } from './terms';

// An article heading: 第1条（適用） or Article 1 (Scope).
const HEADING = /^(第[0-9０-９]+条|Article \d+)/;

/** The stored text as articles: a block starting with an article heading gets it as a heading, each line a paragraph. */
function TermsBody({ text }: { text: string }) {
  return (
    <div data-testid="terms-body">
      {text.split(/\n\s*\n/).map((block) => {
        const [first, ...rest] = block.split('\n');
        return HEADING.test(first) ? (
          <section>
            <h2>{first}</h2>
            {rest.map((line) => (
              <p>{line}</p>
            ))}
          </section>
        ) : (
          <p>{block}</p>
        );
      })}
    </div>
  );
}

const bodyOf = (v: ViewContext, terms: TermsVersion) => (v.locale === 'ja' ? terms.bodyJa : terms.bodyEn);

export type TermsPageData = { shown: TermsVersion; current: TermsVersion; history: TermsVersion[] };

export function TermsPage({ v, data }: { v: ViewContext; data: TermsPageData }) {
  const t = v.t.terms;
  const isCurrent = data.shown.id === data.current.id;
  return (
    <Layout v={v} title={isCurrent ? t.title : t.versionTitle(data.shown.version)}>
      <article class="card">
        <h1>{t.title}</h1>
        <p data-testid="terms-effective">
          <strong>{t.versionTitle(data.shown.version)}</strong> —{' '}
          {t.effective(japanDate(v.locale, data.shown.effectiveAt))}
        </p>
        <p class="small">
          {isCurrent ? t.current : t.past} {isCurrent ? null : <a href="/terms">{t.showCurrent}</a>}
          {v.locale === 'ja' ? null : ` ${t.officialText}`}
        </p>
        <TermsBody text={bodyOf(v, data.shown)} />
      </article>
      <section class="card" id="history">
        <h2>{t.history}</h2>
        <ul data-testid="terms-history">
          {data.history.map((h) => (
            <li>
              <a href={`/terms/${h.version}`}>{t.versionTitle(h.version)}</a> —{' '}
              {t.effective(japanDate(v.locale, h.effectiveAt))}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

/** /terms/agree: what changed in the version in force, and one button (or nothing to do). */
export function AgreePage({
  v,
  terms,
  pending,
  notice,
  problem,
}: {
  v: ViewContext;
  terms: TermsVersion;
  pending: boolean;
  notice?: string | null;
  problem?: string | null;
}) {
  const t = v.t.terms;
  return (
    <Layout v={v} title={t.agreeTitle} noindex>
      <section class="card narrow">
        <h1>{t.agreeTitle}</h1>
        <Notice text={notice} />
        <FormProblem text={problem} />
        {pending ? (
          <>
            <p>{t.agreeLead(japanDate(v.locale, terms.effectiveAt))}</p>
            <h2>{t.changes}</h2>
            <p data-testid="terms-changes">{v.locale === 'ja' ? terms.changesJa : terms.changesEn}</p>
            <p>
              <a href={`/terms/${terms.version}`}>{t.readFull}</a>
            </p>
            <form method="post" action="/terms/agree">
              <CsrfField v={v} />
              <input type="hidden" name="termsVersion" value={terms.version} />
              <button type="submit">{t.agreeButton}</button>
            </form>
          </>
        ) : notice ? null : (
          <p>{t.nothingToAgree}</p>
        )}
      </section>
    </Layout>
  );
}
