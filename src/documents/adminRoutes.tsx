import { sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { members } from '../accounts/schema';
import { AdminNav } from '../admin/nav';
import type { AppEnv, ViewContext } from '../platform/web/env';
import { currentMember, formBody, render } from '../platform/web/http';
import { CsrfField, FormProblem, Layout } from '../platform/web/layout';
import { issueDocument } from './issue';
import { documentsOf, type DocumentItem } from './list';
import { itemLabel } from './pages';
import { pdfResponse } from './routes';
import { documentKinds } from './schema';

type Found = { username: string; memberId: string | null; items: DocumentItem[] };

function ReissuePage(props: { v: ViewContext; found: Found | null; problem?: string | null }) {
  const { v, found } = props;
  const t = v.t.documents.console;
  return (
    <Layout v={v} title={t.title} noindex>
      <AdminNav v={v} />
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <FormProblem text={props.problem} />
      <form method="get" action="/admin/documents" class="card narrow">
        <label for="d-username">{t.username}</label>
        <input id="d-username" name="username" maxlength={40} value={found?.username ?? ''} />
        <button type="submit">{t.find}</button>
      </form>
      {found && !found.memberId ? <p role="alert">{t.notFound}</p> : null}
      {found?.memberId && found.items.length === 0 ? <p data-testid="no-records">{t.noRecords}</p> : null}
      <ul class="card" data-testid="member-documents">
        {(found?.items ?? []).map((item) => (
          <li>
            {v.t.documents.kinds[item.kind]} {itemLabel(v, item)}{' '}
            {item.issued ? v.t.documents.issuedAs(item.issued.number, item.issued.reissueCount) : null}
            <form method="post" action="/admin/documents/reissue" class="inline">
              <CsrfField v={v} />
              <input type="hidden" name="memberId" value={found!.memberId!} />
              <input type="hidden" name="kind" value={item.kind} />
              <input type="hidden" name="subject" value={item.subject} />
              <button type="submit" class="secondary">
                {t.reissue}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

async function find(c: Context<AppEnv>, username: string): Promise<Found> {
  const deps = c.get('deps');
  const [member] = await deps.db
    .select({ id: members.id })
    .from(members)
    .where(sql`lower(${members.username}) = ${username.toLowerCase()}`);
  return {
    username,
    memberId: member?.id ?? null,
    items: member ? await documentsOf(deps.db, member.id, deps.clock.now()) : [],
  };
}

const reissueForm = z.object({
  memberId: z.string().uuid(),
  kind: z.enum(documentKinds),
  subject: z.string().max(40),
});

/**
 * /admin/documents: support reissues a member's documents (one who left cannot log in to fetch them) from the
 * kept transaction records; each copy is written to the operator log by issueDocument.
 */
export function documentAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/admin/documents', async (c) => {
    const username = z
      .string()
      .trim()
      .max(40)
      .safeParse(c.req.query('username') ?? '');
    const found = username.success && username.data ? await find(c, username.data) : null;
    return render(c, <ReissuePage v={c.get('view')} found={found} />);
  });
  app.post('/admin/documents/reissue', async (c) => {
    const v = c.get('view');
    const form = reissueForm.safeParse(await formBody(c));
    if (!form.success) return render(c, <ReissuePage v={v} found={null} problem={v.t.common.form.invalid} />, 422);
    const issued = await issueDocument(c.get('deps'), { ...form.data, operator: currentMember(c) });
    if (issued.ok) return pdfResponse(c, issued);
    return render(c, <ReissuePage v={v} found={null} problem={v.t.documents.console.recordsGone} />, 410);
  });
  return app;
}
