import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { ConfigError, loadConfig } from './platform/config';
import { startRuntime } from './runtime';
import { isDatabaseUnavailable } from './platform/web/errors';
import { trackConnections } from './platform/web/drain';
import { seedDemoIfEmpty, writeDemoSecret } from './seed/demo';

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
          console.log(`           authenticator-app secret in ${writeDemoSecret(config.dataDir, login.totpSecret)}`);
      }
      console.log('');
    }
  }
  let drainer: ReturnType<typeof trackConnections> | null = null;
  let stopping = false;
  if (role !== 'worker') {
    const app = createApp(deps, { isStopping: () => stopping });
    // Plain HTTP/1 (serve's default): the drain relies on http.Server's connection events.
    const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
      console.log(
        `技市 Wazaichi is running at ${config.baseUrl} (port ${info.port}, ${deps.database.kind} database${config.smtpUrl ? '' : ', mail kept at /dev/mail'})`,
      );
    }) as Server;
    drainer = trackConnections(server);
  }
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + config.shutdownGraceSeconds * 1000;
    deps.log.info({ role, signal, graceSeconds: config.shutdownGraceSeconds }, 'stopping');
    // New connections are refused; accepted ones are answered. Meanwhile a worker finishes the jobs it
    // holds; one still running at the deadline stays active in the queue and is handed out again after
    // its expiry.
    const [cut] = await Promise.all([
      drainer?.drain(deadline) ?? 0,
      deps.jobs.stop(Math.max(deadline - Date.now(), 0)),
    ]);
    await deps.database.close();
    deps.log.info({ role, connectionsCut: cut, requestsRead: drainer?.received() ?? 0 }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

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
