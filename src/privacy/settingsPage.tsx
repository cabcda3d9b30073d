import type { ViewContext } from '../platform/web/env';
import { CsrfField, Layout, Notice } from '../platform/web/layout';
import { audiences, dmPolicies } from './schema';
import { detailFields, type PrivacyChoices } from './visibility';

export function PrivacySettingsPage({
  v,
  choices,
  requestCount,
  notice,
}: {
  v: ViewContext;
  choices: PrivacyChoices;
  requestCount: number;
  notice?: string | null;
}) {
  const t = v.t.privacy.settings;
  const select = (name: 'profile' | (typeof detailFields)[number]) => (
    <div>
      <label for={`p-${name}`}>{t.fields[name]}</label>
      <select id={`p-${name}`} name={name}>
        {audiences.map((a) => (
          <option value={a} selected={choices[name] === a}>
            {t.audiences[a]}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Layout v={v} title={t.title} noindex>
      <section class="card narrow">
        <h1>{t.title}</h1>
        <Notice text={notice} />
        <p>{t.lead}</p>
        <p class="hint">{t.followersOnly}</p>
        {requestCount > 0 ? (
          <p>
            <a href="/settings/follow-requests">{v.t.privacy.followRequests.link(requestCount)}</a>
          </p>
        ) : null}
        <form method="post" action="/settings/privacy">
          <CsrfField v={v} />
          {select('profile')}
          {detailFields.map((f) => select(f))}
          <label class="checkbox">
            <input type="checkbox" name="noindex" value="on" checked={choices.noindex} />
            {t.noindex}
          </label>
          <label for="p-dm">{t.directMessages}</label>
          <select id="p-dm" name="directMessages">
            {dmPolicies.map((p) => (
              <option value={p} selected={choices.directMessages === p}>
                {t.dm[p]}
              </option>
            ))}
          </select>
          <button type="submit">{t.save}</button>
        </form>
      </section>
    </Layout>
  );
}
