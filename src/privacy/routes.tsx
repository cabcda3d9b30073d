import { PRIVACY_POLICY_REVISION } from './revision';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { currentMember, formBody, memberOnly, requestOrigin } from '../platform/web/http';
import { recentAuthRequired } from '../security/sessions/reauth';
import { audiences, dmPolicies } from './schema';
import { savePrivacy } from './settings';
import { privacyOf } from './choices';
import { PrivacySettingsPage } from './settingsPage';
import type { AppEnv } from '../platform/web/env';
import { render } from '../platform/web/http';
import { Layout } from '../platform/web/layout';
import { afterWithdrawalText, dataCategories } from './dataCategories';
import { RetentionTimelinePage } from './retentionTimeline';
import { periodsOf, spanWords, yearWords } from '../retention/periods';
import { followRequestCount } from './follows';
import { PrivacyOperatorSection } from '../legal/operatorPages';

const choicesForm = z.object({
  profile: z.enum(audiences),
  realName: z.enum(audiences),
  location: z.enum(audiences),
  birthday: z.enum(audiences),
  website: z.enum(audiences),
  follows: z.enum(audiences),
  directMessages: z.enum(dmPolicies),
});

export function privacyRoutes() {
  const app = new Hono<AppEnv>();

  // Privacy changes need a recent proof of identity (design decision, with ASVS 7.5).
  app.use('/settings/privacy', memberOnly, recentAuthRequired);
  app.use('/settings/privacy/*', memberOnly, recentAuthRequired);
  // The checkup's one-click fix: real name, area and birthday back to "only me".
  app.post('/settings/privacy/lock-details', async (c) => {
    const choices = await privacyOf(c.get('deps').db, currentMember(c).id);
    await savePrivacy(
      c.get('deps'),
      currentMember(c).id,
      { ...choices, realName: 'private', location: 'private', birthday: 'private' },
      requestOrigin(c),
    );
    return c.redirect('/settings/security/checkup?notice=details', 303);
  });
  const settingsPage = async (c: Context<AppEnv>, notice: string | null) => {
    const db = c.get('deps').db;
    const memberId = currentMember(c).id;
    return (
      <PrivacySettingsPage
        v={c.get('view')}
        choices={await privacyOf(db, memberId)}
        requestCount={await followRequestCount(db, memberId)}
        notice={notice}
      />
    );
  };
  app.get('/settings/privacy', async (c) => {
    const t = c.get('view').t.privacy.settings;
    const approved = Number.parseInt(c.req.query('approved') ?? '0', 10) || 0;
    const saved =
      c.req.query('notice') === 'saved'
        ? [t.saved, approved > 0 ? t.autoApproved(approved) : ''].join(' ').trim()
        : null;
    return render(c, await settingsPage(c, saved));
  });
  app.post('/settings/privacy', async (c) => {
    const body = await formBody(c);
    const parsed = choicesForm.safeParse(body);
    // Only fixed choices exist; anything else is a tampered form and changes nothing.
    if (!parsed.success) return render(c, await settingsPage(c, c.get('view').t.common.form.invalid), 422);
    const approved = await savePrivacy(
      c.get('deps'),
      currentMember(c).id,
      { ...parsed.data, noindex: body.noindex === 'on' },
      requestOrigin(c),
    );
    return c.redirect(`/settings/privacy?notice=saved${approved > 0 ? `&approved=${approved}` : ''}`, 303);
  });

  app.get('/privacy/retention', (c) =>
    render(c, <RetentionTimelinePage v={c.get('view')} periods={periodsOf(c.get('deps').config)} />),
  );

  app.get('/privacy', (c) => {
    const v = c.get('view');
    const t = v.t.privacy;
    const periods = periodsOf(c.get('deps').config);
    return render(
      c,
      <Layout v={v} title={t.title}>
        <h1>{t.title}</h1>
        <p class="small" data-testid="privacy-revision">
          {t.revision(PRIVACY_POLICY_REVISION)}
        </p>
        <p>{t.lead}</p>
        <p>
          <a href="/privacy/retention">{t.timelineLink}</a>
        </p>
        <table class="card" data-testid="data-categories">
          <thead>
            <tr>
              <th>{t.category}</th>
              <th>{t.holds}</th>
              <th>{t.purpose}</th>
              <th>{t.afterWithdrawal}</th>
            </tr>
          </thead>
          <tbody>
            {dataCategories.map((category) => (
              <tr id={`category-${category.key}`}>
                <td>{category.name[v.locale]}</td>
                <td>{category.holds[v.locale]}</td>
                <td>{category.purpose[v.locale]}</td>
                <td>{afterWithdrawalText(category, v.locale, periods)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-testid="transaction-setting">{t.transactionSetting(yearWords(v.locale, periods.transactionYears))}</p>
        <p data-testid="backups">{t.backups(spanWords(v.locale, periods.backupsDays))}</p>
        <p>{t.banned}</p>
        <p>{t.passwords}</p>
        <p>{t.thirdParties}</p>
        <p>{t.rights}</p>
        <PrivacyOperatorSection v={v} operator={c.get('deps').config.operator} />
      </Layout>,
    );
  });
  return app;
}
