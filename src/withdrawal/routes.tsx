import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Message } from '../dictionary';
import type { AppEnv } from '../platform/web/env';
import { actionContext, currentMember, MessagePage, memberOnly, render } from '../platform/web/http';
import { clearSessionCookie } from '../security/sessions/sessionCookie';
import { hasPassword, reauthenticate } from '../security/sessions/reauth';
import { hasSecondFactor } from '../security/factors/twoFactor';
import { pauseMember, resumeMember } from './pause';
import { CheckStep, ConfirmStep, ExportStep, PausePage, ReasonStep } from './pages';
import { finalPayoutOf, pauseBlockers, withdrawalBlockers, withdrawalForfeits, withdrawalLosses } from './rules';
import { withdrawalReasonKeys } from './schema';
import { withdrawMember } from './withdrawMember';
import { keptDatesOf } from '../retention/memberDates';
import { periodsOf } from '../retention/periods';

const answers = z.object({
  reasons: z.array(z.enum(withdrawalReasonKeys)).max(withdrawalReasonKeys.length),
  freeText: z.string().trim().max(500),
});

function readAnswers(reasons: unknown, freeText: unknown) {
  const list = Array.isArray(reasons) ? reasons : reasons === undefined ? [] : [reasons];
  return answers.safeParse({ reasons: [...new Set(list)], freeText: typeof freeText === 'string' ? freeText : '' });
}

async function renderConfirm(
  c: Context<AppEnv>,
  reasons: z.infer<typeof answers>['reasons'],
  freeText: string,
  problem: Message | null = null,
  fieldErrors?: { password?: Message; code?: Message },
) {
  const deps = c.get('deps');
  const member = currentMember(c);
  const now = deps.clock.now();
  const forfeits = await withdrawalForfeits(deps.db, member.id, now);
  const periods = periodsOf(deps.config);
  const withPassword = await hasPassword(deps, member.id);
  // Without a password field, a refused proof is said above the button.
  if (!withPassword && fieldErrors?.password) [problem, fieldErrors] = [fieldErrors.password, undefined];
  return render(
    c,
    <ConfirmStep
      v={c.get('view')}
      losses={await withdrawalLosses(deps.db, member.id)}
      pointsYen={forfeits.pointsYen}
      reasons={reasons}
      freeText={freeText}
      offerCode={await hasSecondFactor(deps.db, member.id)}
      hasPassword={withPassword}
      kept={await keptDatesOf(deps.db, member.id, now, periods)}
      periods={periods}
      problem={problem}
      fieldErrors={fieldErrors}
    />,
    problem || fieldErrors ? 422 : 200,
  );
}

/** 退会 done: the session has ended, so the page is drawn as for a visitor (no name, no member menu). */
function renderDone(c: Context<AppEnv>) {
  c.set('view', { ...c.get('view'), member: null, unreadNotifications: undefined });
  const t = c.get('view').t.withdrawal;
  return render(
    c,
    <MessagePage
      c={c}
      title={t.doneTitle}
      body={t.doneBody}
      link={{ href: '/', label: c.get('view').t.common.errors.backHome }}
      noindex
    />,
  );
}

const invalidReasons: Message = (t) => t.withdrawal.errors.reasonInvalid;

export function withdrawalRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/settings/withdrawal', memberOnly);
  app.use('/settings/withdrawal/confirm', memberOnly);
  app.use('/settings/pause', memberOnly);
  app.use('/settings/resume', memberOnly);

  // 退会手続き: four steps, each reachable only while nothing blocks leaving.
  app.get('/settings/withdrawal', async (c) => {
    const deps = c.get('deps');
    const member = currentMember(c);
    const blockers = await withdrawalBlockers(deps.db, member.id);
    const step = blockers.length > 0 ? 1 : Number(c.req.query('step') ?? 1);
    if (step === 2) return render(c, <ExportStep v={c.get('view')} />);
    // Step 4 is reached only by posting the reasons (step 3), never by an address.
    if (step === 3 || step === 4) return render(c, <ReasonStep v={c.get('view')} />);
    return render(
      c,
      <CheckStep
        v={c.get('view')}
        blockers={blockers}
        forfeits={await withdrawalForfeits(deps.db, member.id, deps.clock.now())}
        finalPayout={await finalPayoutOf(deps.db, member.id)}
      />,
    );
  });

  app.post('/settings/withdrawal/confirm', async (c) => {
    const deps = c.get('deps');
    if ((await withdrawalBlockers(deps.db, currentMember(c).id)).length > 0)
      return c.redirect('/settings/withdrawal', 303);
    const body = await c.req.parseBody({ all: true });
    const parsed = readAnswers(body.reason, body.freeText);
    if (!parsed.success) return render(c, <ReasonStep v={c.get('view')} problem={invalidReasons} />, 422);
    return renderConfirm(c, parsed.data.reasons, parsed.data.freeText);
  });

  app.post('/settings/withdrawal', async (c) => {
    const deps = c.get('deps');
    const body = await c.req.parseBody({ all: true });
    const parsed = readAnswers(body.reason, body.freeText);
    if (!parsed.success) return render(c, <ReasonStep v={c.get('view')} problem={invalidReasons} />, 422);
    const { reasons, freeText } = parsed.data;
    if (body.understood !== 'on') return renderConfirm(c, reasons, freeText, (t) => t.withdrawal.understoodRequired);
    const str = (value: unknown) => (typeof value === 'string' ? value : '');
    const member = currentMember(c);
    const proof = {
      password: str(body.password),
      code: str(body.code),
      sessionAuthenticatedAt: c.get('sessionAuthenticatedAt'),
    };
    const refused = await reauthenticate(deps, member, c.get('sessionId')!, proof, actionContext(c).origin);
    if (refused)
      return renderConfirm(c, reasons, freeText, null, proof.code ? { code: refused } : { password: refused });
    const result = await withdrawMember(deps, member, { reasons, freeText }, actionContext(c).origin);
    // A second submit (a double click) waited for the first and finds the account closed: the same done page.
    if (!result.ok && !result.alreadyWithdrawn) return renderConfirm(c, reasons, freeText, result.problem);
    clearSessionCookie(c);
    return renderDone(c);
  });

  app.get('/settings/pause', async (c) => {
    const member = currentMember(c);
    return render(
      c,
      <PausePage
        v={c.get('view')}
        paused={member.status === 'paused'}
        blockers={await pauseBlockers(c.get('deps').db, member.id)}
      />,
    );
  });
  app.post('/settings/pause', async (c) => {
    const problem = await pauseMember(c.get('deps'), currentMember(c), actionContext(c).origin);
    if (problem)
      return render(
        c,
        <PausePage
          v={c.get('view')}
          paused={false}
          blockers={await pauseBlockers(c.get('deps').db, currentMember(c).id)}
          problem={problem(c.get('view').t)}
        />,
        422,
      );
    return c.redirect('/settings/pause', 303);
  });
  app.post('/settings/resume', async (c) => {
    await resumeMember(c.get('deps'), currentMember(c), actionContext(c).origin);
    return c.redirect('/settings/pause', 303);
  });
  return app;
}
