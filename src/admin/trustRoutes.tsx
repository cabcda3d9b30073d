import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { keepValues, parseForm, textField, fieldByIssue } from '../platform/web/forms';
import { currentMember, formBody, render } from '../platform/web/http';
import { notFoundPage } from '../platform/web/errors';
import { decideDuplicateCase } from '../trust/duplicateDecisions';
import { memberFile, openDuplicateCases, searchMembers, suspensionsInForce } from '../trust/memberFile';
import { heldReviews, moderateReview } from '../trust/reviewModeration';
import { liftSuspension, suspendMember } from '../trust/suspension';
import { DuplicatesPage, HeldReviewsPage, MemberFilePage, MemberSearchPage, SuspensionsPage } from './trustPages';

const uuid = z.string().uuid();

const suspendForm = {
  reason: textField(z.string().trim().min(1).max(500)),
  // A calendar day in Japan; the suspension ends at the start of it (JST).
  endsOn: fieldByIssue(
    z
      .string()
      .trim()
      .regex(/^(\d{4}-\d{2}-\d{2})?$/)
      .optional()
      .transform((d) => (d ? new Date(`${d}T00:00:00+09:00`) : null))
      .refine((d) => d === null || !Number.isNaN(d.getTime())),
    () => (t) => t.common.form.invalid,
  ),
};

const done = (c: Context<AppEnv>) =>
  ({ done: c.get('view').t.trust.console.done, unchanged: c.get('view').t.trust.console.unchanged })[
    c.req.query('notice') ?? ''
  ] ?? null;

/** The trust-and-safety part of the operator console: members, duplicate queue, held reviews, suspensions. */
export function trustAdminRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/admin/members', async (c) => {
    const query = (c.req.query('q') ?? '').trim().slice(0, 100);
    return render(
      c,
      <MemberSearchPage
        v={c.get('view')}
        query={query}
        results={query ? await searchMembers(c.get('deps').db, query) : null}
      />,
    );
  });

  const showFile = async (
    c: Context<AppEnv>,
    extra: { errors?: Record<string, string | undefined>; values?: Record<string, string> } = {},
    status: 200 | 422 = 200,
  ) => {
    const id = c.req.param('id') ?? '';
    const file = uuid.safeParse(id).success ? await memberFile(c.get('deps').db, id, c.get('deps').clock.now()) : null;
    if (!file) return notFoundPage(c);
    return render(c, <MemberFilePage v={c.get('view')} file={file} notice={done(c)} {...extra} />, status);
  };
  app.get('/admin/members/:id', (c) => showFile(c));

  app.post('/admin/members/:id/suspend', async (c) => {
    const id = c.req.param('id');
    if (!uuid.safeParse(id).success) return notFoundPage(c);
    const body = await formBody(c);
    const form = parseForm(suspendForm, body);
    const t = c.get('view').t;
    const values = keepValues(body, ['reason', 'endsOn']);
    if (!form.ok)
      return showFile(
        c,
        { errors: Object.fromEntries(Object.entries(form.errors).map(([k, m]) => [k, m?.(t)])), values },
        422,
      );
    if (form.value.endsOn && form.value.endsOn <= c.get('deps').clock.now())
      return showFile(c, { errors: { endsOn: t.trust.errors.endInPast }, values }, 422);
    const problem = await suspendMember(c.get('deps'), currentMember(c), id, {
      reason: form.value.reason,
      endsAt: form.value.endsOn,
    });
    if (problem) return showFile(c, { errors: { reason: problem(t) }, values }, 422);
    return c.redirect(`/admin/members/${id}?notice=done`, 303);
  });

  app.post('/admin/members/:id/lift', async (c) => {
    const id = c.req.param('id');
    if (!uuid.safeParse(id).success) return notFoundPage(c);
    await liftSuspension(c.get('deps'), currentMember(c), id);
    return c.redirect(`/admin/members/${id}?notice=done`, 303);
  });

  app.get('/admin/duplicates', async (c) =>
    render(c, <DuplicatesPage v={c.get('view')} cases={await openDuplicateCases(c.get('deps').db)} notice={done(c)} />),
  );
  app.post('/admin/duplicates/:id', async (c) => {
    const id = c.req.param('id');
    const body = await formBody(c);
    const reason = c.get('view').t.trust.console.duplicateReason;
    const decision =
      body.action === 'dismiss'
        ? { action: 'dismiss' as const }
        : body.action === 'suspend' && uuid.safeParse(body.memberId).success
          ? { action: 'suspend' as const, memberId: body.memberId!, reason }
          : null;
    const done =
      !!decision &&
      uuid.safeParse(id).success &&
      (await decideDuplicateCase(c.get('deps'), currentMember(c), id, decision));
    return c.redirect(done ? '/admin/duplicates?notice=done' : '/admin/duplicates?notice=unchanged', 303);
  });

  app.get('/admin/reviews', async (c) =>
    render(c, <HeldReviewsPage v={c.get('view')} held={await heldReviews(c.get('deps').db)} notice={done(c)} />),
  );
  app.post('/admin/reviews/:id/:action{publish|remove}', async (c) => {
    const id = c.req.param('id');
    if (uuid.safeParse(id).success)
      await moderateReview(c.get('deps'), currentMember(c), id, c.req.param('action') as 'publish' | 'remove');
    return c.redirect(safeBack(c.req.header('referer')) ?? '/admin/reviews?notice=done', 303);
  });

  app.get('/admin/suspensions', async (c) =>
    render(c, <SuspensionsPage v={c.get('view')} rows={await suspensionsInForce(c.get('deps').db)} notice={done(c)} />),
  );

  return app;
}

/** Back to the console page the operator came from (a member's file or the queue), never elsewhere. */
function safeBack(referer: string | undefined): string | null {
  if (!referer || !URL.canParse(referer, 'http://x')) return null;
  const path = new URL(referer, 'http://x').pathname;
  return /^\/admin\/(members\/[0-9a-f-]{36}|reviews)$/.test(path) ? `${path}?notice=done` : null;
}
