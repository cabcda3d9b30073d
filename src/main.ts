import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { ConfigError, loadConfig } from './platform/config';
import { startRuntime, stopRuntime } from './runtime';
import { isDatabaseUnavailable } from './platform/web/errors';
import { seedDemoIfEmpty } from './seed/demo';

const roles = ['all', 'web', 'worker'] as const;
type Role = (typeof roles)[number];

async function main() {
  const role = (process.argv[2] ?? 'all') as Role;
  if (!roles.includes(role)) throw new ConfigError(`Unknown role "${role}". Use one of: ${roles.join(', ')}`);
  const config = loadConfig();
  if (role !== 'all' && !config.databaseUrl) {
    // The embedded database belongs to one process; separate web and worker processes need a server.
    throw new ConfigError(
      `"npm run ${role}" needs DATABASE_URL (a PostgreSQL server). Use "npm start" for the embedded database.`,
    );
  }
  const deps = await startRuntime(config, { work: role !== 'web' });
  deps.log.info({ role, database: deps.database.kind }, 'started');
  if (role !== 'worker' && config.seedDemo) {
    const logins = await seedDemoIfEmpty(deps);
    if (logins) {
      console.log('\nDemo data created. Log in with:');
      for (const login of logins) {
        console.log(`  ${login.role.padEnd(8)} ${login.email}  /  ${login.password}`);
        if (login.totpSecret)
          console.log(
            `           authenticator-app secret ${login.totpSecret}  (a code now: oathtool --totp -b ${login.totpSecret})`,
          );
      }
      console.log('');
    }
  }
  let server: Server | null = null;
  let inFlight = 0;
  let stopping = false;
  if (role !== 'worker') {
    const app = createApp(deps, { isStopping: () => stopping });
    const fetch = async (request: Request, env: unknown) => {
      inFlight += 1;
      try {
        return await app.fetch(request, env);
      } finally {
        inFlight -= 1;
      }
    };
    // Plain HTTP/1 (serve's default): the shutdown below relies on http.Server's connection handling.
    server = serve({ fetch, port: config.port }, (info) => {
      console.log(
        `技市 Wazaichi is running at ${config.baseUrl} (port ${info.port}, ${deps.database.kind} database${config.smtpUrl ? '' : ', mail kept at /dev/mail'})`,
      );
    }) as Server;
  }
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const graceMs = config.shutdownGraceSeconds * 1000;
    const deadline = Date.now() + graceMs;
    deps.log.info({ role, signal, graceSeconds: config.shutdownGraceSeconds }, 'stopping');
    // Stop accepting: new connections are refused. Connections already accepted keep going: each gets its
    // answer, marked Connection: close. A connection still silent after a second (an idle keep-alive one)
    // is closed; whatever remains at the deadline is cut. Meanwhile a worker finishes the jobs it holds;
    // one still running at the deadline stays active in the queue and is handed out again after its expiry.
    if (server) netClose.call(server);
    const requestsDone = (async () => {
      const stoppedAt = Date.now();
      while (server && Date.now() < deadline) {
        if (Date.now() - stoppedAt > 1000) server.closeIdleConnections();
        if (inFlight === 0 && (await openConnections(server)) === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      server?.closeAllConnections();
    })();
    await Promise.all([requestsDone, stopRuntime(deps, Math.max(deadline - Date.now(), 0))]);
    deps.log.info({ role, unanswered: inFlight }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

// http.Server#close also drops accepted connections that have not sent their request yet; net's only stops listening.
const netClose = NetServer.prototype.close;
const openConnections = (server: Server) =>
  new Promise<number>((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));

/** A database that cannot be opened at start is a setting to fix (address, password, name), said in one line. */
function databaseProblem(error: unknown): string | null {
  const code = String((error as { code?: unknown })?.code ?? '');
  const known = isDatabaseUnavailable(error) || ['ENOTFOUND', 'EAI_AGAIN', '28P01', '28000', '3D000'].includes(code);
  return known
    ? `Cannot open the database (DATABASE_URL, or the embedded one in DATA_DIR): ${(error as Error).message}`
    : null;
}

main().catch((error) => {
  const problem = error instanceof ConfigError ? error.message : databaseProblem(error);
  if (problem) {
    console.error(problem);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
