import type { ViewContext } from '../../platform/web/env';
import type { FieldErrors } from '../../platform/web/forms';
import { CsrfField, Field, Notice } from '../../platform/web/layout';
import type { ServiceOption } from '../services/options';

export type OptionEditorValues = { optionTitle?: string; optionPriceYen?: string; optionExtraDays?: string };

/** The seller's list of 有料オプション on the edit page, each removable, and the form that adds one. */
export function OptionEditor(props: {
  v: ViewContext;
  serviceId: string;
  options: ServiceOption[];
  limits: { count: number; extraDays: number; min: number; max: number };
  values?: OptionEditorValues;
  errors?: FieldErrors<keyof OptionEditorValues | 'form'>;
  notice?: string | null;
}) {
  const { v, values = {}, errors = {} } = props;
  const t = v.t.marketplace.options;
  const e = (k: keyof typeof errors) => errors[k]?.(v.t);
  return (
    <section class="card" id="options">
      <h2>{t.heading}</h2>
      <p class="hint">{t.editorIntro(props.limits.count)}</p>
      <Notice text={props.notice} />
      {props.options.length === 0 ? <p>{t.none}</p> : null}
      <ul class="plain">
        {props.options.map((o) => (
          <li class="row">
            {o.title} · {v.t.marketplace.yen(o.priceYen)} · {t.plusDays(o.extraDays)}{' '}
            <form method="post" action={`/services/${props.serviceId}/options/${o.id}/remove`} class="inline-block">
              <CsrfField v={v} />
              <button type="submit" class="secondary">
                {t.remove}
              </button>
            </form>
          </li>
        ))}
      </ul>
      {e('form') ? (
        <p class="form-error" role="alert">
          {e('form')}
        </p>
      ) : null}
      {props.options.length < props.limits.count ? (
        <form method="post" action={`/services/${props.serviceId}/options`} novalidate>
          <CsrfField v={v} />
          <Field
            v={v}
            name="optionTitle"
            label={t.title}
            hint={t.titleHint}
            value={values.optionTitle}
            error={e('optionTitle')}
            required
            maxlength={60}
          />
          <Field
            v={v}
            name="optionPriceYen"
            type="number"
            label={t.price}
            hint={v.t.marketplace.errors.priceRange(props.limits.min, props.limits.max)}
            value={values.optionPriceYen}
            error={e('optionPriceYen')}
            required
          />
          <Field
            v={v}
            name="optionExtraDays"
            type="number"
            label={t.extraDays}
            hint={t.extraDaysHint(props.limits.extraDays)}
            value={values.optionExtraDays ?? '0'}
            error={e('optionExtraDays')}
            required
          />
          <button type="submit">{t.add}</button>
        </form>
      ) : null}
    </section>
  );
}

/** What the service page lists under the description. */
export function OptionList({ v, options }: { v: ViewContext; options: ServiceOption[] }) {
  const t = v.t.marketplace.options;
  return (
    <section>
      <h2>{t.heading}</h2>
      <ul>
        {options.map((o) => (
          <li>
            {o.title}: +{v.t.marketplace.yen(o.priceYen)}（{t.plusDays(o.extraDays)}）
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The buyer's tick boxes on the purchase form; each carries the price shown, so a changed one is refused. */
export function OptionChoices({ v, options, ticked }: { v: ViewContext; options: ServiceOption[]; ticked: string[] }) {
  if (options.length === 0) return null;
  const t = v.t.marketplace.options;
  return (
    <fieldset>
      <legend>{t.choose}</legend>
      <p class="hint">{t.intro}</p>
      {options.map((o) => (
        <label class="block normal">
          <input type="checkbox" name={`option:${o.id}`} value={String(o.priceYen)} checked={ticked.includes(o.id)} />{' '}
          {o.title}（+{v.t.marketplace.yen(o.priceYen)}・{t.plusDays(o.extraDays)}）
        </label>
      ))}
    </fieldset>
  );
}

/** The order's price, line by line, when it was bought with options. */
export function OrderPriceLines({
  v,
  priceYen,
  options,
}: {
  v: ViewContext;
  priceYen: number;
  options: { title: string; priceYen: number; extraDays: number }[];
}) {
  if (options.length === 0) return null;
  const t = v.t.marketplace.options;
  const yen = v.t.marketplace.yen;
  const base = priceYen - options.reduce((sum, o) => sum + o.priceYen, 0);
  return (
    <table class="price-lines">
      <tbody>
        <tr>
          <th scope="row">{t.base}</th>
          <td>{yen(base)}</td>
        </tr>
        {options.map((o) => (
          <tr>
            <th scope="row">
              {t.heading}: {o.title}
              <span class="small muted">（{t.plusDays(o.extraDays)}）</span>
            </th>
            <td>{yen(o.priceYen)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t.total}</th>
          <td>
            <strong>{yen(priceYen)}</strong>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
