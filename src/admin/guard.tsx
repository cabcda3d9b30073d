import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { forbiddenPage, notFoundPage } from '../platform/web/errors';
import { loginRedirect, MessagePage, render } from '../platform/web/http';
import { hasSecondFactor } from '../security/twoFactor';

/**
 * /admin is for active operators whose session passed two-step verification: visitors are sent to log
 * in, members (and withdrawn or suspended accounts, whose sessions no longer open) are refused without
 * learning that the console exists. An operator without a second factor is told to add one; a session
 * opened without it (before the factor was added, or by SNS) is told to confirm with a code.
 */
export const operatorsOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const member = c.get('view').member;
  if (!member) return loginRedirect(c);
  if (member.role !== 'operator') return notFoundPage(c);
  if (member.status !== 'active') return forbiddenPage(c);
  const t = c.get('view').t.trust.console;
  if (!(await hasSecondFactor(c.get('deps').db, member.id))) {
    return render(c, <MessagePage c={c} title={t.twoFactorRequired} body={t.twoFactorRequiredBody} link={{ href: '/settings/security', label: t.twoFactorLink }} noindex />, 403);
  }
  if (!c.get('sessionSecondFactorAt')) {
    return render(c, <MessagePage c={c} title={t.twoFactorRequired} body={t.sessionNeedsCode} link={{ href: `/settings/reauth?next=${encodeURIComponent(c.req.path)}`, label: t.confirmWithCode }} noindex />, 403);
  }
  await next();
};
