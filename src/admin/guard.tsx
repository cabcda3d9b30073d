import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { forbiddenPage, notFoundPage } from '../platform/web/errors';
import { loginRedirect, MessagePage, render } from '../platform/web/http';
import { hasSecondFactor } from '../security/twoFactor';

/**
 * /admin is for active operators with two-step verification only: visitors are sent to log in, members
 * (and withdrawn or suspended accounts, whose sessions no longer open) are refused without learning that
 * the console exists. An operator without a second factor is told to add one: with one on, every login
 * of theirs passed it (password reset and SNS login included).
 */
export const operatorsOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const member = c.get('view').member;
  if (!member) return loginRedirect(c);
  if (member.role !== 'operator') return notFoundPage(c);
  if (member.status !== 'active') return forbiddenPage(c);
  if (!(await hasSecondFactor(c.get('deps').db, member.id))) {
    const t = c.get('view').t.trust.console;
    return render(c, <MessagePage c={c} title={t.twoFactorRequired} body={t.twoFactorRequiredBody} link={{ href: '/settings/security', label: t.twoFactorLink }} noindex />, 403);
  }
  await next();
};
