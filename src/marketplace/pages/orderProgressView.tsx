import type { ViewContext } from '../../platform/web/env';
import { formatDate, formatDateTime } from '../../platform/web/dates';
import { orderSteps, type OrderProgress, type Party } from '../orders/progress';

/** 購入 → 作業中 → 納品 → 承認 → 完了, with the dates that matter now (Japan time). */
export function StepBar({ v, progress }: { v: ViewContext; progress: OrderProgress }) {
  const t = v.t.showcase.order;
  return (
    <>
      <ol class="step-bar" aria-label={t.progress} data-testid="step-bar">
        {orderSteps.map((step, i) => {
          const state = i < progress.stepsDone ? 'done' : i === progress.stepsDone && !progress.ended ? 'current' : '';
          return (
            <li class={state} aria-current={state === 'current' ? 'step' : undefined}>
              {t.steps[step]}
            </li>
          );
        })}
      </ol>
      {progress.ended ? <p class="banner">{t.ended[progress.ended]}</p> : null}
      <ul class="order-dates" data-testid="order-dates">
        {progress.stepsDone < 3 && !progress.ended ? <li>{t.due(formatDate(v, progress.dueAt))}</li> : null}
        {progress.autoApproveAt ? <li>{t.autoApprove(formatDateTime(v, progress.autoApproveAt))}</li> : null}
      </ul>
    </>
  );
}

/** 「次にすること」 for the side whose turn it is; the other side is told whom it waits for. */
export function NextStep(props: {
  v: ViewContext;
  progress: OrderProgress;
  viewerRole: Party | 'operator';
  names: Record<Party, string>;
}) {
  const { v, progress, viewerRole } = props;
  const t = v.t.showcase.order;
  if (viewerRole === 'operator' || progress.turn.length === 0) return null;
  const mine = progress.turn.find((turn) => turn.party === viewerRole);
  if (!mine) return <p class="waiting">{t.waiting(props.names[progress.turn[0].party])}</p>;
  const text = {
    deliver: () => t.next.deliver(formatDate(v, progress.dueAt)),
    approve: () => t.next.approve(formatDateTime(v, progress.autoApproveAt!)),
    answerCancel: () => t.next.answerCancel,
    review: () => t.next.review,
  }[mine.task]();
  return (
    <section class="next-step" data-testid="next-step" aria-labelledby="next-step-title">
      <h2 id="next-step-title">{t.nextTitle}</h2>
      <p>{text}</p>
    </section>
  );
}

/** ★ as radio buttons: the same field and values the <select> had, chosen without script. */
export function StarRadios(props: { v: ViewContext; value: string; problem: string | null }) {
  const { v, value, problem } = props;
  const t = v.t.showcase.order;
  return (
    <fieldset
      class="stars-input"
      aria-invalid={problem ? 'true' : undefined}
      aria-describedby={problem ? 'f-rating-error' : undefined}
    >
      <legend>{v.t.marketplace.order.rating}</legend>
      {/* Reversed in the markup so CSS can fill a chosen star and every star before it (row-reverse). */}
      <span class="stars-row">
        {[5, 4, 3, 2, 1].map((n) => (
          <>
            <input type="radio" id={`f-rating-${n}`} name="rating" value={String(n)} checked={value === String(n)} />
            <label for={`f-rating-${n}`} title={t.stars(n)}>
              <span aria-hidden="true">★</span>
              <span class="visually-hidden">{t.stars(n)}</span>
            </label>
          </>
        ))}
      </span>
      {problem ? (
        <p class="field-error" id="f-rating-error" role="alert">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}
