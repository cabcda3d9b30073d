import { loadConfigOrExit } from '../platform/config';
import { startRuntime, stopRuntime } from '../runtime';
import { seedDemoIfEmpty } from './demo';

// npm run seed: demo data into an empty database (the embedded one, or DATABASE_URL).
const deps = await startRuntime(loadConfigOrExit(), { work: false });
const logins = await seedDemoIfEmpty(deps);
console.log(
  logins
    ? `Demo data created:\n${logins.map((l) => `  ${l.role}: ${l.email} / ${l.password}${l.totpSecret ? ` (authenticator-app secret ${l.totpSecret})` : ''}`).join('\n')}`
    : 'The database is not empty; nothing was added.',
);
await stopRuntime(deps);
