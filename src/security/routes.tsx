import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { consumeRateLimit } from '../platform/rateLimit';
import { requestOrigin } from '../platform/web/http';
import { passwordStrength } from './passwordStrength';

const strengthRequest = z.object({ password: z.string().max(256), email: z.string().max(254).optional(), username: z.string().max(40).optional() });

export function securityRoutes() {
  const app = new Hono<AppEnv>();

  // The live meter's question. Answers only a score and advice; nothing is stored.
  app.post('/password/strength', async (c) => {
    const parsed = strengthRequest.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: 'invalid' }, 400);
    const deps = c.get('deps');
    const ip = requestOrigin(c).ip ?? 'local';
    if (!(await consumeRateLimit(deps.db, { bucket: 'strength:ip', limit: 300, windowMs: 60_000 }, ip, deps.clock.now()))) return c.json({ error: 'slow down' }, 429);
    const v = c.get('view');
    const inputs = [parsed.data.email?.split('@')[0], parsed.data.username, 'wazaichi', '技市'].filter((s): s is string => !!s);
    const strength = passwordStrength(parsed.data.password, inputs, v.locale);
    const score = strength.blocked ? 0 : strength.score;
    return c.json({ score, label: v.t.security.strength[score], warning: strength.blocked ? v.t.accounts.errors.passwordTooGuessable : strength.warning, suggestions: strength.suggestions });
  });
  return app;
}
