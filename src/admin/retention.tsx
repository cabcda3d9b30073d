import { logOperatorAction } from '../trust/operatorLog';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, ViewContext } from '../platform/web/env';
import { currentMember, formBody, render } from '../platform/web/http';
import { CsrfField, Layout, Notice } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import { members } from '../accounts/schema';
import { afterWithdrawalText, dataCategories } from '../privacy/dataCategories';
import { periodsOf, type Periods } from '../retention/periods';
import { legalHolds, purgeLog } from '../retention/schema';

type Hold = { id: string; username: string; reason: string; createdAt: Date };
type LogLine = { category: string; rows: number; heldBack: number; dryRun: boolean; ranAt: Date };

function RetentionPage({
  v,
  holds,
  log,
  notice,
  periods,
}: {
  v: ViewContext;
  holds: Hold[];
  log: LogLine[];
  notice: string | null;
  periods: Periods;
}) {
  const t = v.t.admin.console;
  return (
    <Layout v={v} title={t.retentionTitle} noindex>
      <h1>{t.retentionTitle}</h1>
      <Notice text={notice} />
      <section class="card">
        <h2>{t.rules}</h2>
        <table>
          <tbody>
            {dataCategories.map((c) => (
              <tr>
                <td>{c.name[v.locale]}</td>
                <td>{afterWithdrawalText(c, v.locale, periods)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card" id="holds">
        <h2>{t.holds}</h2>
        <ul>
          {holds.map((h) => (
            <li>
              @{h.username}: {h.reason} ({formatDateTime(v, h.createdAt)})
              <form method="post" action={`/admin/retention/holds/${h.id}/release`} class="inline">
                <CsrfField v={v} />
                <button type="submit" class="link">
                  {t.release}
                </button>
              </form>
            </li>
          ))}
        </ul>
        <form method="post" action="/admin/retention/holds">
          <CsrfField v={v} />
          <label for="h-username">{t.grantTo}</label>
          <input id="h-username" name="username" required maxlength={40} />
          <label for="h-reason">{t.holdReason}</label>
          <input id="h-reason" name="reason" required maxlength={200} />
          <button type="submit">{t.hold}</button>
        </form>
      </section>
      <section class="card">
        <h2>{t.purgeLog}</h2>
        <table data-testid="purge-log">
          <tbody>
            {log.map((l) => (
              <tr>
                <td>{formatDateTime(v, l.ranAt)}</td>
                <td>{l.category}</td>
                <td>{l.rows}</td>
                <td>{l.heldBack ? t.heldBack(l.heldBack) : ''}</td>
                <td>{l.dryRun ? t.dryRun : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}

/** /admin/retention: the rules, the purge log, and legal holds (with who placed them and why). */
export function retentionAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/admin/retention', async (c) => {
    const db = c.get('deps').db;
    const holds = await db
      .select({
        id: legalHolds.id,
        username: members.username,
        reason: legalHolds.reason,
        createdAt: legalHolds.createdAt,
      })
      .from(legalHolds)
      .innerJoin(members, eq(members.id, legalHolds.memberId))
      .where(isNull(legalHolds.releasedAt));
    const log = await db.select().from(purgeLog).orderBy(desc(purgeLog.id)).limit(100);
    const notice = c.req.query('notice') === 'invalid' ? c.get('view').t.common.form.invalid : null;
    return render(
      c,
      <RetentionPage
        v={c.get('view')}
        holds={holds}
        log={log}
        notice={notice}
        periods={periodsOf(c.get('deps').config)}
      />,
    );
  });
  app.post('/admin/retention/holds', async (c) => {
    const deps = c.get('deps');
    const form = z
      .object({ username: z.string().trim().min(1).max(40), reason: z.string().trim().min(1).max(200) })
      .safeParse(await formBody(c));
    const [member] = form.success
      ? await deps.db
          .select()
          .from(members)
          .where(sql`lower(${members.username}) = ${form.data.username.toLowerCase()}`)
      : [];
    if (!form.success || !member) return c.redirect('/admin/retention?notice=invalid#holds', 303);
    await deps.db.transaction(async (tx) => {
      await tx.insert(legalHolds).values({
        memberId: member.id,
        reason: form.data.reason,
        operatorId: currentMember(c).id,
        createdAt: deps.clock.now(),
      });
      await logOperatorAction(tx, currentMember(c), 'legal_hold', member.id, form.data.reason, deps.clock.now());
    });
    return c.redirect('/admin/retention#holds', 303);
  });
  app.post('/admin/retention/holds/:id/release', async (c) => {
    const id = c.req.param('id');
    const deps = c.get('deps');
    if (z.string().uuid().safeParse(id).success) {
      await deps.db.transaction(async (tx) => {
        const [released] = await tx
          .update(legalHolds)
          .set({ releasedAt: deps.clock.now() })
          .where(and(eq(legalHolds.id, id), isNull(legalHolds.releasedAt)))
          .returning();
        if (released)
          await logOperatorAction(tx, currentMember(c), 'legal_hold_released', released.memberId, '', deps.clock.now());
      });
    }
    return c.redirect('/admin/retention#holds', 303);
  });
  return app;
}
