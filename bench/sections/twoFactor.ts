import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../../src/accounts/password';
import { knownDevices, members } from '../../src/accounts/schema';
import { deviceKey } from '../../src/security/login/devices';
import { openDatabase } from '../../src/platform/db/client';
import { totpFactors } from '../../src/security/schema';
import {
  base32Decode,
  generateTotpSecret,
  hotp,
  matchTotp,
  sealSecret,
  totpStep,
} from '../../src/security/factors/totp';
import { round, SECONDS, Session, startApp, type Row, type Target } from '../lib';

const PASSWORD = 'bench tea garden at sunrise';
const SECRET_KEY = 'bench-secret-key-bench-secret-key-0123456789';
const CONCURRENCY = 4;
// Each member logs in once: a TOTP code is accepted only once, so every flow needs its own member.
const MEMBERS = Number(process.env.BENCH_TOTP_MEMBERS ?? 2500);

// Each logs in from a browser they used before (its device cookie is seeded), as most logins are: a new
// browser would add the new-login mail, and the mail job it queues, to every flow.
type BenchMember = { email: string; secret: string | null; deviceToken: string };

async function seedMembers(target: Target): Promise<{ plain: BenchMember[]; withTotp: BenchMember[] }> {
  const database = await openDatabase({ url: target.env.DATABASE_URL, dataDir: target.env.DATA_DIR });
  await database.migrate();
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date();
  const plain: BenchMember[] = [];
  const withTotp: BenchMember[] = [];
  for (let start = 0; start < MEMBERS * 2; start += 500) {
    const batch = Array.from({ length: 500 }, (_, k) => start + k);
    const rows = await database.db
      .insert(members)
      .values(
        batch.map((i) => ({
          email: `tf${i}@example.test`,
          username: `tf_${i}`,
          displayName: `TF${i}`,
          passwordHash,
          emailVerifiedAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: members.id, email: members.email });
    const factors = [];
    const devices = rows.map((row) => ({ memberId: row.id, deviceToken: randomBytes(32).toString('base64url') }));
    await database.db.insert(knownDevices).values(
      devices.map((d) => ({
        memberId: d.memberId,
        deviceHash: deviceKey(SECRET_KEY, d.deviceToken),
        firstSeenAt: now,
      })),
    );
    for (const [k, row] of rows.entries()) {
      const deviceToken = devices[k].deviceToken;
      if ((start + k) % 2 === 0) {
        plain.push({ email: row.email, secret: null, deviceToken });
        continue;
      }
      const secret = generateTotpSecret();
      withTotp.push({ email: row.email, secret, deviceToken });
      factors.push({
        memberId: row.id,
        secretEncrypted: sealSecret(SECRET_KEY, secret),
        createdAt: now,
        confirmedAt: now,
      });
    }
    await database.db.insert(totpFactors).values(factors);
  }
  await database.close();
  return { plain, withTotp };
}

/** Runs login flows from CONCURRENCY workers for SECONDS; returns completed flows per second. */
async function flowsPerSecond(
  baseUrl: string,
  people: BenchMember[],
  withCode: boolean,
): Promise<{ perSecond: number; failures: number }> {
  let next = 0;
  let done = 0;
  let failures = 0;
  const until = performance.now() + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < until && next < people.length) {
      const person = people[next++];
      const session = new Session(baseUrl);
      session.cookies.set('wz_device', person.deviceToken);
      await session.request('/login');
      const first = await session.request('/login', { email: person.email, password: PASSWORD });
      let ok =
        first.status === 303 &&
        (withCode ? first.location?.startsWith('/login/verify') : session.cookies.has('wz_session'));
      if (ok && withCode) {
        const code = hotp(base32Decode(person.secret!), totpStep(new Date()));
        const second = await session.request('/login/verify', { code, next: '/' });
        ok = second.status === 303 && session.cookies.has('wz_session');
      }
      if (ok) done += 1;
      else failures += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { perSecond: done / ((performance.now() - started) / 1000), failures };
}

function totpVerificationsPerSecond(): number {
  const secret = generateTotpSecret();
  const now = new Date();
  const code = hotp(base32Decode(secret), totpStep(now));
  let n = 0;
  const until = performance.now() + 2000;
  while (performance.now() < until) {
    matchTotp(secret, code, now);
    n += 1;
  }
  return n / 2;
}

export async function benchTwoFactor(target: Target, database: string) {
  const people = await seedMembers(target);
  const app = await startApp(target, { SECRET_KEY });
  try {
    const plain = await flowsPerSecond(app.baseUrl, people.plain, false);
    const totp = await flowsPerSecond(app.baseUrl, people.withTotp, true);
    const figures = {
      totpVerifiesPerSec: Math.round(totpVerificationsPerSecond()),
      loginFlowsPerSec: round(plain.perSecond, 1),
      loginTotpFlowsPerSec: round(totp.perSecond, 1),
      totpFlowRatio: round(totp.perSecond / plain.perSecond),
      flowFailures: plain.failures + totp.failures,
    };
    const rows: Row[] = [
      {
        database,
        measure: 'TOTP code checks/s (one core, in process)',
        value: String(figures.totpVerifiesPerSec),
        target: '',
      },
      {
        database,
        measure: 'login flows/s, password only (4 at once)',
        value: String(figures.loginFlowsPerSec),
        target: '',
      },
      {
        database,
        measure: 'login flows/s, password + TOTP (4 at once)',
        value: String(figures.loginTotpFlowsPerSec),
        target: '',
      },
      { database, measure: 'password + TOTP / password only', value: String(figures.totpFlowRatio), target: '≥ 0.95' },
    ];
    if (figures.flowFailures > 0)
      rows.push({ database, measure: 'failed login flows', value: String(figures.flowFailures), target: '0' });
    return { figures, rows };
  } finally {
    await app.stop();
  }
}
