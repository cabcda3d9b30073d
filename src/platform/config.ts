import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

// Every setting the app reads, validated once at start. Nothing else reads process.env.
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('技市 Wazaichi <no-reply@wazaichi.localhost>'),
  BASE_URL: z.string().url().optional(),
  SECRET_KEY: z.string().min(32, 'SECRET_KEY must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  SESSION_ABSOLUTE_DAYS: z.coerce.number().int().min(1).max(30).default(30),
  PLATFORM_FEE_PERCENT: z.coerce.number().min(0).max(50).default(10),
  SERVICE_PRICE_MIN_YEN: z.coerce.number().int().min(100).default(500),
  SERVICE_PRICE_MAX_YEN: z.coerce.number().int().min(1000).default(1_000_000),
  AUTO_APPROVE_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  REVIEW_EDIT_HOURS: z.coerce.number().int().min(0).default(72),
  PAYOUT_FEE_YEN: z.coerce.number().int().min(0).default(250),
  PAYOUT_MIN_YEN: z.coerce.number().int().min(1).default(1000),
  POINTS_VALID_DAYS: z.coerce.number().int().min(1).default(180),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  WEBAUTHN_RP_ID: z.string().min(1).optional(),
  CHECKUP_REMINDER_DAYS: z.coerce.number().int().min(1).default(180),
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(100),
  LOGIN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  SIGNUP_LIMIT_PER_IP: z.coerce.number().int().min(1).default(20),
  // How many reverse proxies (TLS terminators, load balancers) stand in front and append to X-Forwarded-For.
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
  // SNS sign-in: a JSON list of OpenID Connect providers, e.g.
  // [{"id":"google","name":"Google","issuer":"https://accounts.google.com","clientId":"…","clientSecret":"…"}]
  SNS_PROVIDERS: z
    .string()
    .default('[]')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON list of providers' });
        return z.NEVER;
      }
    })
    .pipe(
      z.array(
        z.object({
          id: z.string().regex(/^[a-z0-9-]{1,30}$/, 'provider id: lower-case letters, digits and dashes'),
          name: z.string().min(1).max(40),
          issuer: z.string().url(),
          clientId: z.string().min(1),
          clientSecret: z.string().min(1),
        }),
      ),
    ),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  databaseUrl?: string;
  /** Reverse proxies in front of the app whose X-Forwarded-For entries are believed (0: use the socket address). */
  trustedProxies: number;
  dataDir: string;
  smtpUrl?: string;
  mailFrom: string;
  baseUrl: string;
  secretKey: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  session: { idleDays: number; absoluteDays: number };
  marketplace: {
    platformFeePercent: number;
    priceMinYen: number;
    priceMaxYen: number;
    autoApproveDays: number;
    reviewEditHours: number;
    payoutFeeYen: number;
    payoutMinYen: number;
    pointsValidDays: number;
  };
  seedDemo: boolean;
  /** Days between reminder mails to members whose セキュリティ診断 is weak. */
  checkupReminderDays: number;
  /** WebAuthn relying party: the domain passkeys are bound to, and the origin pages are served from. */
  webauthn: { rpId: string; origin: string };
  /** Login attempts allowed per 15 minutes, per client IP and per email address. */
  loginLimits: { perIp: number; perAddress: number };
  /** Sign-ups allowed per hour from one client IP. */
  signupLimitPerIp: number;
  /** OpenID Connect providers members may sign up and log in with (SNS sign-in). */
  snsProviders: SnsProviderSettings[];
};

export type SnsProviderSettings = { id: string; name: string; issuer: string; clientId: string; clientSecret: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  if (e.SERVICE_PRICE_MIN_YEN > e.SERVICE_PRICE_MAX_YEN) {
    throw new ConfigError('Invalid settings:\n  SERVICE_PRICE_MIN_YEN must not exceed SERVICE_PRICE_MAX_YEN');
  }
  // Plain-http issuers exist only on a developer's machine (or in the tests' local provider).
  if (e.NODE_ENV === 'production' && e.SNS_PROVIDERS.some((p) => !p.issuer.startsWith('https://'))) {
    throw new ConfigError('Invalid settings:\n  SNS_PROVIDERS: every issuer must use https in production');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    baseUrl,
    secretKey: e.SECRET_KEY ?? developmentSecret(e.NODE_ENV, dataDir),
    logLevel: e.LOG_LEVEL,
    session: { idleDays: e.SESSION_IDLE_DAYS, absoluteDays: e.SESSION_ABSOLUTE_DAYS },
    marketplace: {
      platformFeePercent: e.PLATFORM_FEE_PERCENT,
      priceMinYen: e.SERVICE_PRICE_MIN_YEN,
      priceMaxYen: e.SERVICE_PRICE_MAX_YEN,
      autoApproveDays: e.AUTO_APPROVE_DAYS,
      reviewEditHours: e.REVIEW_EDIT_HOURS,
      payoutFeeYen: e.PAYOUT_FEE_YEN,
      payoutMinYen: e.PAYOUT_MIN_YEN,
      pointsValidDays: e.POINTS_VALID_DAYS,
    },
    seedDemo: e.SEED_DEMO === 'auto',
    loginLimits: { perIp: e.LOGIN_LIMIT_PER_IP, perAddress: e.LOGIN_LIMIT_PER_ADDRESS },
    signupLimitPerIp: e.SIGNUP_LIMIT_PER_IP,
    trustedProxies: e.TRUST_PROXY,
    checkupReminderDays: e.CHECKUP_REMINDER_DAYS,
    webauthn: { rpId: e.WEBAUTHN_RP_ID ?? new URL(baseUrl).hostname, origin: new URL(baseUrl).origin },
    snsProviders: e.SNS_PROVIDERS,
  };
}

// Production must be given its secret; development keeps a generated one under DATA_DIR
// so sessions and tokens survive a restart.
function developmentSecret(env: string, dataDir: string): string {
  if (env === 'production') throw new ConfigError('Invalid settings:\n  SECRET_KEY: required in production');
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
