import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/client';
import type { TestContext } from '../support/context';
import { openTestDatabase } from '../support/databases';
import { freePort } from '../support/httpServer';
import { startAppProcess, type AppProcess } from '../support/processes';
import { startRoundRobinProxy } from '../support/roundRobinProxy';
import { startS3Server, type S3Server } from '../support/s3Server';
import { SIGNUP_CONSENT } from '../support/factories';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PASSWORD = 'a long and quiet passphrase for tests';

/** A TestClient that talks HTTP to one of several addresses, chosen per request; cookies stay with the client. */
function httpClient() {
  const target = { base: '' };
  const ctx = {
    app: {
      request: (path: string, init: RequestInit) => fetch(target.base + path, { ...init, redirect: 'manual' }),
    },
  } as unknown as TestContext;
  const client = new TestClient(ctx);
  return {
    client,
    /** Sends the next requests to this address. */
    via(base: string) {
      target.base = base;
      return client;
    },
  };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Two web processes and a worker on one PostgreSQL database and one bucket: what a deployment looks like.
describe.skipIf(!process.env.TEST_DATABASE_URL)('two web processes and a worker behind a load balancer', () => {
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        received.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  let s3: S3Server;
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let sql: pg.Client;
  let processes: AppProcess[] = [];
  let web: [string, string];
  let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>>;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    s3 = await startS3Server();
    const smtpPort = await new Promise<number>((resolve) =>
      smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as { port: number }).port)),
    );
    const proxyPort = await freePort();
    const env = {
      DATABASE_URL: database.url!,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'wz-procs-')),
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      BASE_URL: `http://127.0.0.1:${proxyPort}`,
      // The balancer is the one proxy in front: the visitor is the address it appends.
      TRUST_PROXY: '1',
      LOGIN_LIMIT_PER_ADDRESS: '3',
      ...s3.env,
    };
    // The first process migrates; the others start together (they would wait on the migration lock anyway).
    const first = await startAppProcess('web', env);
    const [second, worker] = await Promise.all([startAppProcess('web', env), startAppProcess('worker', env)]);
    processes = [first, second, worker];
    web = [first.baseUrl, second.baseUrl];
    // The balancer listens where BASE_URL says: mailed links point there.
    proxy = await startRoundRobinProxy(web, proxyPort);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  }, 180_000);

  afterAll(async () => {
    await sql?.end();
    await proxy?.close();
    const codes = await Promise.all(processes.map((p) => p.stop()));
    expect(codes).toEqual([0, 0, 0]);
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await s3?.close();
    await database?.drop();
  });

  it('signs up through one, verifies and logs in through the other, shares pictures, exports and limits', async () => {
    const { client, via } = httpClient();
    const email = `multi${Date.now()}@example.test`;
    const signup = await via(web[0]).post('/signup', {
      ...SIGNUP_CONSENT,
      email,
      username: `multi_${Date.now() % 1e8}`,
      displayName: '二台目',
      password: PASSWORD,
    });
    expect(signup.status).toBe(200);
    // The worker delivers the mail over SMTP; its link is followed through the other web process.
    const mail = await until('the verification mail', async () =>
      received.find((m) => m.to && JSON.stringify(m.to).includes(email)),
    );
    const link = new URL(/https?:\/\/\S+\/verify-email\?token=\S+/.exec(mail.text ?? '')![0]);
    expect(link.origin).toBe(new URL(proxy.url).origin);
    expect((await via(web[1]).get(link.pathname + link.search)).status).toBe(200);
    expect((await via(web[1]).post('/login', { email, password: PASSWORD })).status).toBe(303);

    // A picture uploaded through one is served by the other (the bucket, not either machine's disk).
    const form = new FormData();
    form.set('displayName', '二台目');
    form.set('bio', '');
    form.set('skills', '');
    form.set('avatar', new File([PNG_1x1], 'me.png'));
    expect((await via(web[0]).postMultipart('/settings/profile', form)).status).toBe(303);
    const { rows: found } = await sql.query('select id from members where email = $1', [email.toLowerCase()]);
    const memberId = found[0].id as string;
    const avatar = await fetch(`${web[1]}/avatars/${memberId}`);
    expect(avatar.status).toBe(200);
    expect(Buffer.from(await avatar.arrayBuffer()).equals(PNG_1x1)).toBe(true);

    // An export requested through one is built by the worker and downloads through either.
    expect((await via(web[1]).post('/settings/export')).status).toBe(303);
    const exportId = await until('the export to be built', async () => {
      const { rows } = await sql.query(`select id from data_exports where member_id = $1 and status = 'ready'`, [
        memberId,
      ]);
      return rows[0]?.id as string | undefined;
    });
    for (const base of web) {
      const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const download = await fetch(`${base}/settings/export/${exportId}/download`, { headers: { cookie } });
      expect(download.status).toBe(200);
      const zipPath = join(mkdtempSync(join(tmpdir(), 'wz-procs-zip-')), 'export.zip');
      writeFileSync(zipPath, Buffer.from(await download.arrayBuffer()));
      expect(execFileSync('unzip', ['-t', zipPath]).toString()).toContain('No errors detected');
    }
    // The worker mailed that it was ready.
    await until('the export-ready mail', async () =>
      received.some((m) => JSON.stringify(m.to).includes(email) && /データ|data/i.test(m.subject ?? '') && m !== mail),
    );
  });

  it('shares the login limit across both processes: after three wrong passwords, the right one is refused too', async () => {
    const { via } = httpClient();
    const email = `limit${Date.now()}@example.test`;
    await via(web[0]).post('/signup', {
      ...SIGNUP_CONSENT,
      email,
      username: `limit_${Date.now() % 1e8}`,
      displayName: '制限',
      password: PASSWORD,
    });
    for (const base of [web[0], web[1], web[0]])
      expect((await via(base).post('/login', { email, password: 'not the password at all' })).status).toBe(401);
    const refused = await via(web[1]).post('/login', { email, password: PASSWORD });
    expect(refused.status).toBe(401);
    // Through the balancer, alternating between the two, it stays refused.
    for (let i = 0; i < 2; i += 1)
      expect((await via(proxy.url).post('/login', { email, password: PASSWORD })).status).toBe(401);
  });

  it('takes the same sign-up posted to both processes at once as one member', async () => {
    const a = httpClient();
    const b = httpClient();
    await a.via(web[0]).get('/signup');
    await b.via(web[1]).get('/signup');
    const stamp = Date.now() % 1e8;
    const fields = {
      ...SIGNUP_CONSENT,
      email: `twice${stamp}@example.test`,
      username: `twice_${stamp}`,
      displayName: '二重',
      password: PASSWORD,
    };
    const answers = await Promise.all([a.client.post('/signup', fields), b.client.post('/signup', fields)]);
    for (const answer of answers) expect(answer.status).toBeLessThan(500);
    const { rows } = await sql.query('select count(*)::int as n from members where username = $1', [fields.username]);
    expect(rows[0].n).toBe(1);
  });

  it('sends requests through the balancer to both processes', async () => {
    const served = new Set<string>();
    for (let i = 0; i < 4; i += 1) {
      const res = await fetch(`${proxy.url}/readyz`);
      expect(res.status).toBe(200);
      served.add(res.headers.get('x-served-by')!);
    }
    expect([...served].sort()).toEqual(['0', '1']);
  });
});
