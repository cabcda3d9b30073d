import { serve } from '@hono/node-server';
import { createApp } from './app';
import { ConfigError, loadConfig } from './platform/config';
import { startRuntime, stopRuntime } from './runtime';
import { isDatabaseUnavailable } from './platform/web/errors';
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
  let server: ReturnType<typeof serve> | null = null;
  let inFlight = 0;
  if (role !== 'worker') {
    const app = createApp(deps);
    const fetch = async (request: Request, env: unknown) => {
      inFlight += 1;
      try {
        return await app.fetch(request, env);
      } finally {
        inFlight -= 1;
      }
    };
    server = serve({ fetch, port: config.port }, (info) => {
      console.log(
        `技市 Wazaichi is running at ${config.baseUrl} (port ${info.port}, ${deps.database.kind} database${config.smtpUrl ? '' : ', mail kept at /dev/mail'})`,
      );
    });
  }
  const shutdown = async () => {
    // Stop taking requests and let those in flight finish (at most 5 s) before the database closes.
    server?.close();
    for (const deadline = Date.now() + 5000; inFlight > 0 && Date.now() < deadline;)
      await new Promise((r) => setTimeout(r, 20));
    await stopRuntime(deps);
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
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
