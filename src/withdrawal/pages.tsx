import type { Message } from '../dictionary';
import type { ViewContext } from '../platform/web/env';
import { StepBar } from '../platform/web/components';
import { CsrfField, Field, Layout } from '../platform/web/layout';
import { formatDate } from '../platform/web/dates';
import { afterWithdrawalText, dataCategories } from '../privacy/dataCategories';
import type { KeptLine } from '../retention/memberDates';
import type { Periods } from '../retention/periods';
import { categoryOf, keptLineText } from './keptWords';
import type { Blocker, Forfeits, Losses } from './rules';
import { withdrawalReasonKeys, type WithdrawalReasonKey } from './schema';

function Steps({ v, current }: { v: ViewContext; current: number }) {
  return <StepBar label={v.t.withdrawal.title} steps={v.t.withdrawal.steps} current={current} />;
}

function BlockerItem({ v, b }: { v: ViewContext; b: Blocker }) {
  const t = v.t.withdrawal.blocker;
  if (b.kind === 'openOrder')
    return (
      <li>
        {t.openOrder(b.title, b.role)} <a href={`/orders/${b.orderId}`}>{t.openOrderLink}</a>
      </li>
    );
  if (b.kind === 'salesBalance')
    return (
      <li>
        {t.salesBalance(b.amountYen)} <a href="/mypage/payouts">{t.salesBalanceLink}</a>
      </li>
    );
  return (
    <li>
      {t.payoutInProgress(b.amountYen)} <a href="/mypage/payouts">{t.payoutLink}</a>
    </li>
  );
}

export function CheckStep({
  v,
  blockers,
  forfeits,
  finalPayout,
}: {
  v: ViewContext;
  blockers: Blocker[];
  forfeits: Forfeits;
  finalPayout: { amountYen: number } | null;
}) {
  const t = v.t.withdrawal;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <Steps v={v} current={1} />
      <section class="card" data-testid="blockers">
        <h2>{t.blockersTitle}</h2>
        {blockers.length === 0 ? (
          <p>{t.noBlockers}</p>
        ) : (
          <ul>
            {blockers.map((b) => (
              <BlockerItem v={v} b={b} />
            ))}
          </ul>
        )}
      </section>
      {finalPayout && blockers.every((b) => b.kind !== 'salesBalance') ? (
        <section class="card banner" data-testid="final-payout">
          <p>{t.finalPayout(finalPayout.amountYen)}</p>
          <a href="/mypage/payouts">{t.finalPayoutLink}</a>
        </section>
      ) : null}
      <section class="card">
        <h2>{t.forfeitsTitle}</h2>
        {forfeits.pointsYen === 0 ? (
          <p>{t.forfeitNone}</p>
        ) : (
          <>
            <p>{t.forfeitPoints(forfeits.pointsYen)}</p>
            <ul class="small">
              {forfeits.pointLots.map((l) => (
                <li>{t.forfeitLot(l.remaining, formatDate(v, l.expiresAt))}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      <p>
        <a href="/privacy/retention">{t.timelineLink}</a>
      </p>
      <section class="card banner">
        <p>{t.pauseOffer}</p>
        <a href="/settings/pause">{t.pauseLink}</a>
      </section>
      {blockers.length === 0 ? (
        <a class="button" href="/settings/withdrawal?step=2">
          {t.next}
        </a>
      ) : null}
    </Layout>
  );
}

export function ExportStep({ v }: { v: ViewContext }) {
  const t = v.t.withdrawal;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <Steps v={v} current={2} />
      <section class="card">
        <h2>{t.exportTitle}</h2>
        <p>{t.exportLead}</p>
        <ul>
          {t.exportList.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
        <a class="button" href="/settings/export">
          {v.t.export.title}
        </a>
      </section>
      <a class="button secondary" href="/settings/withdrawal">
        {t.back}
      </a>{' '}
      <a class="button" href="/settings/withdrawal?step=3">
        {t.next}
      </a>
    </Layout>
  );
}

export function ReasonStep({ v, problem }: { v: ViewContext; problem?: Message | null }) {
  const t = v.t.withdrawal;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <Steps v={v} current={3} />
      {/* Posted, so the free text never lands in an address (access logs, browser history). */}
      <form method="post" action="/settings/withdrawal/confirm" class="card">
        <CsrfField v={v} />
        <h2>{t.reasonTitle}</h2>
        {problem ? (
          <p class="form-error" role="alert">
            {problem(v.t)}
          </p>
        ) : null}
        <p class="small muted">{t.reasonLead}</p>
        {withdrawalReasonKeys.map((key) => (
          <label class="checkbox">
            <input type="checkbox" name="reason" value={key} />
            {t.reasons[key]}
          </label>
        ))}
        <Field v={v} name="freeText" label={t.freeText} maxlength={500} multiline />
        <button type="submit">{t.next}</button>
      </form>
    </Layout>
  );
}

export function ConfirmStep(props: {
  v: ViewContext;
  losses: Losses;
  pointsYen: number;
  reasons: WithdrawalReasonKey[];
  freeText: string;
  offerCode: boolean;
  hasPassword: boolean;
  kept: KeptLine[];
  periods: Periods;
  problem?: Message | null;
  /** A refused proof, said beside the field it is about. */
  fieldErrors?: { password?: Message; code?: Message };
}) {
  const { v } = props;
  const t = v.t.withdrawal;
  const l = props.losses;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <Steps v={v} current={4} />
      <section class="card" data-testid="losses">
        <h2>{t.losesTitle}</h2>
        <ul>
          <li>{t.loses.purchases(l.purchases)}</li>
          <li>{t.loses.sales(l.sales)}</li>
          <li>{t.loses.reviewsGiven(l.reviewsGiven)}</li>
          <li>{t.loses.reviewsReceived(l.reviewsReceived)}</li>
          <li>{t.loses.rooms(l.rooms)}</li>
          <li>{t.loses.followers(l.followers)}</li>
          <li>{t.loses.following(l.following)}</li>
          <li>{t.loses.points(props.pointsYen)}</li>
        </ul>
      </section>
      <section class="card" data-testid="kept">
        <h2>{t.keptTitle}</h2>
        <ul>
          {props.kept.map((line) => {
            const category = categoryOf(line);
            return (
              <li data-category={category.key}>
                <strong>{keptLineText(v.locale, line)}</strong>
                <br />
                <span class="small">{t.kept.holds(category.holds[v.locale])}</span>
                <br />
                <span class="small">
                  {t.kept.because(category.keptBecause?.[v.locale] ?? category.purpose[v.locale])}
                </span>
              </li>
            );
          })}
        </ul>
        <h2>{t.deletedTitle}</h2>
        <ul>
          {dataCategories
            .filter((c) => !c.keptAfterWithdrawal)
            .map((c) => (
              <li data-category={c.key}>
                <strong>{c.name[v.locale]}</strong>: {afterWithdrawalText(c, v.locale, props.periods)}
              </li>
            ))}
        </ul>
        <p>
          <a href="/privacy/retention">{t.timelineLink}</a>
        </p>
      </section>
      <form method="post" action="/settings/withdrawal" class="card">
        <CsrfField v={v} />
        {props.reasons.map((r) => (
          <input type="hidden" name="reason" value={r} />
        ))}
        <input type="hidden" name="freeText" value={props.freeText} />
        {props.problem ? (
          <p class="form-error" role="alert">
            {props.problem(v.t)}
          </p>
        ) : null}
        <label class="checkbox">
          <input type="checkbox" name="understood" value="on" required />
          {t.understood}
        </label>
        {props.hasPassword ? (
          <Field
            v={v}
            name="password"
            type="password"
            label={t.passwordLabel}
            autocomplete="current-password"
            error={props.fieldErrors?.password?.(v.t)}
          />
        ) : (
          <p>{t.confirmedBySns}</p>
        )}
        {props.offerCode ? (
          <Field
            v={v}
            name="code"
            label={t.codeLabel}
            autocomplete="one-time-code"
            maxlength={6}
            error={props.fieldErrors?.code?.(v.t)}
          />
        ) : null}
        <button type="submit" class="danger">
          {t.submit}
        </button>
      </form>
    </Layout>
  );
}

export function PausePage({
  v,
  paused,
  blockers,
  problem,
}: {
  v: ViewContext;
  paused: boolean;
  blockers: Blocker[];
  problem?: string | null;
}) {
  const t = v.t.withdrawal;
  return (
    <Layout v={v} title={t.pauseTitle} noindex>
      <section class="card narrow">
        <h1>{t.pauseTitle}</h1>
        {problem ? <p class="form-error">{problem}</p> : null}
        {paused ? (
          <>
            <p class="banner">{t.pausedNow}</p>
            <form method="post" action="/settings/resume">
              <CsrfField v={v} />
              <button type="submit">{t.resumeSubmit}</button>
            </form>
          </>
        ) : (
          <>
            <p>{t.pauseLead}</p>
            {blockers.length > 0 ? (
              <ul>
                {blockers.map((b) => (
                  <BlockerItem v={v} b={b} />
                ))}
              </ul>
            ) : null}
            <form method="post" action="/settings/pause">
              <CsrfField v={v} />
              <button type="submit" disabled={blockers.length > 0}>
                {t.pauseSubmit}
              </button>
            </form>
          </>
        )}
      </section>
    </Layout>
  );
}
