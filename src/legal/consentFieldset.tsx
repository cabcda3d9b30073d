import type { ViewContext } from '../platform/web/env';

export type ConsentErrors = { agree?: string; age?: string; termsVersion?: string };

/** The agreement box and the age question on both sign-up forms, each message beside its field. */
export function ConsentFieldset({
  v,
  termsVersion,
  values,
  errors,
}: {
  v: ViewContext;
  termsVersion: string;
  values: { agree?: string; age?: string };
  errors: ConsentErrors;
}) {
  const t = v.t.terms.consent;
  const problem = errors.agree ?? errors.termsVersion;
  return (
    <>
      <fieldset class="field" aria-describedby="f-age-hint">
        <legend>{t.age}</legend>
        <p class="hint" id="f-age-hint">
          {t.ageHint}
        </p>
        <label class="checkbox">
          <input type="radio" name="age" value="adult" checked={values.age === 'adult'} /> {t.adult}
        </label>
        <label class="checkbox">
          <input type="radio" name="age" value="minor_with_guardian" checked={values.age === 'minor_with_guardian'} />{' '}
          {t.minor}
        </label>
        {errors.age ? (
          <p class="field-error" id="f-age-error" role="alert">
            {errors.age}
          </p>
        ) : null}
      </fieldset>
      <fieldset class="field">
        <legend>{t.legend}</legend>
        <input type="hidden" name="termsVersion" value={termsVersion} />
        <p class="small">
          <a href={`/terms/${termsVersion}`} target="_blank" rel="noopener">
            {t.terms}
          </a>{' '}
          ・{' '}
          <a href="/privacy" target="_blank" rel="noopener">
            {t.privacy}
          </a>{' '}
          {t.read}
        </p>
        <label class="checkbox">
          <input
            type="checkbox"
            id="f-agree"
            name="agree"
            value="on"
            checked={values.agree === 'on'}
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={problem ? 'f-agree-error' : undefined}
          />{' '}
          {t.agree}
        </label>
        {problem ? (
          <p class="field-error" id="f-agree-error" role="alert">
            {problem}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
