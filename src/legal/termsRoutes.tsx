import { Hono, type Context } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { actionContext, currentMember, formBody, memberOnly, render } from '../platform/web/http';
import { agreeToTerms, currentTerms, termsHistory, termsVersionNamed } from './terms';
import { AgreePage, TermsPage } from './termsPages';

export function termsRoutes() {
  const app = new Hono<AppEnv>();
  const now = (c: Context<AppEnv>) => c.get('deps').clock.now();

  const showTerms = async (c: Context<AppEnv>, version: string | undefined) => {
    const db = c.get('deps').db;
    const current = await currentTerms(db, now(c));
    if (!current) return notFoundPage(c);
    const shown = version ? await termsVersionNamed(db, version, now(c)) : current;
    if (!shown) return notFoundPage(c);
    const history = await termsHistory(db, now(c));
    return render(c, <TermsPage v={c.get('view')} data={{ shown, current, history }} />);
  };

  app.use('/terms/agree', memberOnly);
  app.get('/terms/agree', async (c) => {
    const terms = await currentTerms(c.get('deps').db, now(c));
    if (!terms) return notFoundPage(c);
    const v = c.get('view');
    const notice = c.req.query('notice') === 'agreed' ? v.t.terms.agreed : null;
    return render(c, <AgreePage v={v} terms={terms} pending={currentMember(c).termsPending} notice={notice} />);
  });
  app.post('/terms/agree', async (c) => {
    const body = await formBody(c);
    const deps = c.get('deps');
    const result = await agreeToTerms(
      deps,
      currentMember(c).id,
      (body.termsVersion ?? '').slice(0, 40),
      actionContext(c).origin,
    );
    if (result.ok) return c.redirect('/terms/agree?notice=agreed', 303);
    const terms = (await currentTerms(deps.db, now(c)))!;
    const v = c.get('view');
    return render(c, <AgreePage v={v} terms={terms} pending problem={result.problem(v.t)} />, 409);
  });
  app.get('/terms', (c) => showTerms(c, c.req.query('version')));
  app.get('/terms/:version', (c) => showTerms(c, c.req.param('version')));
  return app;
}
