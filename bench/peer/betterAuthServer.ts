// The bench's peer: better-auth on Node's HTTP server, on the same PostgreSQL server and with the same
// argon2id cost as Wazaichi (m=19456 KiB, t=2, p=1), so a sign-in costs the same hash on both sides.
import { createServer } from 'node:http';
import { hash, verify } from '@node-rs/argon2';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import pg from 'pg';

const port = Number(process.env.PORT);
const baseURL = `http://localhost:${port}`;
const auth = betterAuth({
  baseURL,
  secret: 'bench-secret-key-bench-secret-key-0123456789',
  database: new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }),
  emailAndPassword: {
    enabled: true,
    password: {
      hash: (password) => hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 }),
      verify: ({ hash: stored, password }) => verify(stored, password),
    },
  },
  rateLimit: { enabled: false },
  trustedOrigins: [baseURL],
});

const { runMigrations } = await getMigrations(auth.options);
await runMigrations();
createServer(toNodeHandler(auth)).listen(port, '127.0.0.1', () => console.log('ready'));
