import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../web/env';
import { render } from '../web/http';
import { Layout } from '../web/layout';
import { mailOutbox } from './schema';

/** /dev/mail: the outbox as a mailbox, outside production only, so development needs no mail server. */
export function devMailboxRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/dev/mail', async (c) => {
    const mails = await c
      .get('deps')
      .db.select({
        id: mailOutbox.id,
        to: mailOutbox.toAddress,
        subject: mailOutbox.subject,
        status: mailOutbox.status,
        createdAt: mailOutbox.createdAt,
      })
      .from(mailOutbox)
      .orderBy(desc(mailOutbox.createdAt))
      .limit(200);
    return render(
      c,
      <Layout v={c.get('view')} title="Dev mailbox" noindex>
        <h1>Dev mailbox</h1>
        <table>
          <thead>
            <tr>
              <th>created (UTC)</th>
              <th>to</th>
              <th>subject</th>
              <th>status</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr>
                <td>{m.createdAt.toISOString()}</td>
                <td class="mail-to">{m.to}</td>
                <td>
                  <a href={`/dev/mail/${m.id}`}>{m.subject}</a>
                </td>
                <td>{m.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
  app.get('/dev/mail/:id{[0-9a-f-]{36}}', async (c) => {
    const [mail] = await c
      .get('deps')
      .db.select()
      .from(mailOutbox)
      .where(eq(mailOutbox.id, c.req.param('id')));
    if (!mail) return c.notFound();
    return render(
      c,
      <Layout v={c.get('view')} title={mail.subject} noindex>
        <p>
          <a href="/dev/mail">← mailbox</a> · <a href={`/dev/mail/${mail.id}/html`}>HTML</a>
        </p>
        <h1>{mail.subject}</h1>
        <p>To: {mail.toAddress}</p>
        <pre class="card mail-text pre">{linkify(mail.textBody)}</pre>
      </Layout>,
    );
  });
  app.get('/dev/mail/:id{[0-9a-f-]{36}}/html', async (c) => {
    const [mail] = await c
      .get('deps')
      .db.select()
      .from(mailOutbox)
      .where(eq(mailOutbox.id, c.req.param('id')));
    if (!mail) return c.notFound();
    return c.html(mail.htmlBody);
  });
  return app;
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/).map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part));
}
