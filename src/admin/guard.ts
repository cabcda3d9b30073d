import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { forbiddenPage, notFoundPage } from '../platform/web/errors';
import { loginRedirect } from '../platform/web/http';

/** /admin is for operators only; visitors are sent to log in, members are refused. */
export const operatorsOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const member = c.get('view').member;
  if (!member) return loginRedirect(c);
  if (member.role !== 'operator' || member.status !== 'active') return member.role === 'operator' ? forbiddenPage(c) : notFoundPage(c);
  await next();
};
