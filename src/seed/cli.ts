import { loadConfigOrExit } from '../platform/config';
import { startRuntime, stopRuntime } from '../runtime';
import { seedDemoIfEmpty, writeDemoSecret } from './demo';

// npm run seed: demo data into an empty database (the embedded one, or DATABASE_URL).
const config = loadConfigOrExit();
if (config.env === 'production') {
  console.error('npm run seed refuses NODE_ENV=production: the demo password is public.');
  process.exit(1);
}
const deps = await startRuntime(config, { work: false });
const logins = await seedDemoIfEmpty(deps);
console.log(
  logins
    ? `Demo data created:\n${logins.map((l) => `  ${l.role}: ${l.email} / ${l.password}${l.totpSecret ? ` (authenticator-app secret in ${writeDemoSecret(config.dataDir, l.totpSecret)})` : ''}`).join('\n')}`
    : 'The database is not empty; nothing was added.',
);
await stopRuntime(deps);
