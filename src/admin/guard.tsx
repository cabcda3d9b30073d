import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { forbiddenPage, notFoundPage } from '../platform/web/errors';
import { loginRedirect, MessagePage, render } from '../platform/web/http';
import { operatorRefusal } from '../trust/operatorVerification';
import { consoleCounts } from './counts';

/**
 * /admin is for active operators whose session passed two-step verification: visitors are sent to log
 * in, members (and withdrawn or suspended accounts, whose sessions no longer open) are refused without
 * learning that the console exists. An operator without a second factor is told to add one; a session
 * opened without it (before the factor was added, or by SNS) is told to confirm with a code.
 */
export const operatorsOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const member = c.get('view').member;
  if (!member) return loginRedirect(c);
  const refusal = await operatorRefusal(c.get('deps').db, member, c.get('sessionSecondFactorAt'));
  const t = c.get('view').t.trust.console;
  switch (refusal) {
    case null:
      c.get('view').consoleCounts = await consoleCounts(c.get('deps').db);
      return next();
    case 'notOperator':
      return notFoundPage(c);
    case 'inactive':
      return forbiddenPage(c);
    case 'noFactor':
      return render(
        c,
        <MessagePage
          c={c}
          title={t.twoFactorRequired}
          body={t.twoFactorRequiredBody}
          link={{ href: '/settings/security', label: t.twoFactorLink }}
          noindex
        />,
        403,
      );
    case 'sessionNeedsCode':
      return render(
        c,
        <MessagePage
          c={c}
          title={t.twoFactorRequired}
          body={t.sessionNeedsCode}
          link={{ href: `/settings/reauth?next=${encodeURIComponent(c.req.path)}`, label: t.confirmWithCode }}
          noindex
        />,
        403,
      );
  }
};
