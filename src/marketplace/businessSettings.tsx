import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../platform/deps';
import type { AppEnv, ViewContext } from '../platform/web/env';
import { currentMember, formBody, memberOnly, render } from '../platform/web/http';
import { CsrfField, Layout, Notice } from '../platform/web/layout';
import { members } from '../accounts/schema';

const choices = ['individual', 'business'] as const;
type Choice = (typeof choices)[number];

/** 事業者として発注する: the member's own choice; their orders' pages then show the §3 statement (フリーランス法). */
export async function setBuysAsBusiness(deps: Deps, memberId: string, buysAsBusiness: boolean) {
  await deps.db.transaction(async (tx) => {
    await tx.update(members).set({ buysAsBusiness, updatedAt: deps.clock.now() }).where(eq(members.id, memberId));
  });
}

function BusinessPage(props: { v: ViewContext; chosen: Choice; notice: string | null; problem: string | null }) {
  const t = props.v.t.marketplace.confirm;
  return (
    <Layout v={props.v} title={t.businessTitle} noindex>
      <section class="card narrow">
        <h1>{t.businessTitle}</h1>
        <Notice text={props.notice} />
        <p>{t.businessLead}</p>
        <form method="post" action="/settings/business">
          <CsrfField v={props.v} />
          <fieldset aria-invalid={props.problem ? 'true' : undefined}>
            <legend>{t.businessLegend}</legend>
            {choices.map((c) => (
              <label>
                <input type="radio" name="buyerKind" value={c} checked={props.chosen === c} /> {t.buyerKinds[c]}
              </label>
            ))}
            {props.problem ? (
              <p class="field-error" role="alert">
                {props.problem}
              </p>
            ) : null}
          </fieldset>
          <button type="submit">{t.businessSave}</button>
        </form>
      </section>
    </Layout>
  );
}

/** /settings/business (取引の立場): whether the member orders as a business. */
export function businessSettingsRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/settings/business', memberOnly);
  app.get('/settings/business', async (c) => {
    const [row] = await c
      .get('deps')
      .db.select({ buysAsBusiness: members.buysAsBusiness })
      .from(members)
      .where(eq(members.id, currentMember(c).id));
    const notice = c.req.query('notice') === 'saved' ? c.get('view').t.marketplace.confirm.businessSaved : null;
    const chosen = row?.buysAsBusiness ? 'business' : 'individual';
    return render(c, <BusinessPage v={c.get('view')} chosen={chosen} notice={notice} problem={null} />);
  });
  app.post('/settings/business', async (c) => {
    const kind = z.enum(choices).safeParse((await formBody(c)).buyerKind);
    if (!kind.success) {
      const problem = c.get('view').t.marketplace.confirm.businessInvalid;
      return render(c, <BusinessPage v={c.get('view')} chosen="individual" notice={null} problem={problem} />, 422);
    }
    await setBuysAsBusiness(c.get('deps'), currentMember(c).id, kind.data === 'business');
    return c.redirect('/settings/business?notice=saved', 303);
  });
  return app;
}
