import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enabledDatabases, openTestDatabase } from '../../tests/support/databases';
import { startAppProcess } from '../../tests/support/processes';

type Outcome =
  | { kind: 'answered'; status: number; complete: boolean; at: number }
  | { kind: 'refused' | 'lost'; error: string; at: number };

/** One GET on its own connection: a complete answer, a refused connection, or something lost in between. */
function get(url: string): Promise<Outcome> {
  return new Promise((done) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        done({
          kind: 'answered',
          status: res.statusCode!,
          complete: body.trimEnd().endsWith('</html>'),
          at: Date.now(),
        }),
      );
      res.on('error', (error) => done({ kind: 'lost', error: String(error), at: Date.now() }));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      done({ kind: error.code === 'ECONNREFUSED' ? 'refused' : 'lost', error: String(error), at: Date.now() }),
    );
    req.end();
  });
}

for (const kind of enabledDatabases()) {
  describe(`SIGTERM to a web process under load [${kind}]`, () => {
    it('answers every request it accepted, refuses the rest, and exits 0', async () => {
      const { url, drop } = await openTestDatabase(kind);
      const dataDir = mkdtempSync(join(resolve('.test-artifacts'), 'shutdown-'));
      // PGlite belongs to one process, so there the web server is `all`; on the server it is a `web` process.
      const web = await startAppProcess(kind === 'pglite' ? 'all' : 'web', {
        DATA_DIR: dataDir,
        ...(url ? { DATABASE_URL: url } : {}),
      });
      try {
        const total = 200;
        const outcomes: Outcome[] = [];
        let next = 0;
        let signalledAt = 0;
        const client = async () => {
          while (next < total) {
            next += 1;
            const outcome = await get(`${web.baseUrl}/help`);
            outcomes.push(outcome);
            if (outcomes.length === 60 && !signalledAt) {
              signalledAt = Date.now();
              web.child.kill('SIGTERM');
            }
          }
        };
        await Promise.all(Array.from({ length: 16 }, client));
        expect(await web.exited, web.output()).toBe(0);

        expect(outcomes).toHaveLength(total);
        const answered = outcomes.filter((o) => o.kind === 'answered');
        expect(answered.every((o) => o.kind === 'answered' && o.status === 200 && o.complete)).toBe(true);
        // A connection the kernel queued just as the listener closed is reset, not refused: the client
        // cannot tell it from a request dropped half-way, so the process says how many requests it read.
        // Every request it read was answered in full; the others never reached the app.
        const read = Number(/"requestsRead":(\d+)/.exec(web.output())?.[1]);
        expect(read, web.output()).toBe(answered.length + web.probesAnswered);
        const lost = outcomes.filter((o) => o.kind === 'lost');
        expect(lost.every((o) => o.kind === 'lost' && /ECONNRESET/.test(o.error))).toBe(true);
        // Requests were in flight when the signal came, and they were answered after it.
        expect(answered.filter((o) => o.at > signalledAt).length).toBeGreaterThan(0);
        expect(answered.length).toBeGreaterThanOrEqual(60);
        expect(outcomes.filter((o) => o.kind === 'refused').length).toBeGreaterThan(0);
      } finally {
        if (web.child.exitCode === null) web.child.kill('SIGKILL');
        await drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 180_000);
  });
}
