import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { invoiceNumberProblem } from './invoiceNumber';
import { addressRange } from './addressRanges';

/** A whole-number setting, with the range said in its message. */
function wholeNumber(min: number, max?: number) {
  const error =
    max === undefined ? `must be a whole number, at least ${min}` : `must be a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error })
    .int({ error })
    .min(min, { error })
    .max(max ?? Number.MAX_SAFE_INTEGER, { error });
}

/** A URL setting whose scheme must be one of these (a typo'd scheme would only fail later, at first use). */
function urlOf(schemes: string[], example: string) {
  return z.url({ protocol: new RegExp(`^(${schemes.join('|')})$`), error: `must be a URL like ${example}` });
}

const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });

/** The demo operator: obviously not a real company, and said to be a sample wherever it is shown. */
export const SAMPLE_OPERATOR = {
  legalName: '株式会社技市サンプル',
  address: '〒100-0001 東京都千代田区千代田1-1 技市ビル（サンプル）',
  representative: '代表取締役 見本太郎',
  email: 'support@wazaichi.example',
  phone: '03-0000-0000',
  invoiceNumber: 'T7123456789012',
} as const;

// Every setting the app reads, validated once at start. Nothing else reads process.env.
const envSchema = z.object({
  // Unset means production: the mailbox at /dev/mail and demo data need development or test said outright.
  NODE_ENV: oneOf(['development', 'production', 'test']).default('production'),
  PORT: wholeNumber(1, 65535).default(3000),
  DATABASE_URL: urlOf(['postgres', 'postgresql'], 'postgres://user:password@host:5432/database').optional(),
  DATA_DIR: z.string().min(1, 'must be a folder path').default('./data'),
  SMTP_URL: urlOf(['smtp', 'smtps'], 'smtp://user:password@mail.example:587').optional(),
  MAIL_FROM: z
    .string()
    .min(3, 'must be a sender address, e.g. 技市 <no-reply@example.jp>')
    .default('技市 Wazaichi <no-reply@wazaichi.localhost>'),
  BASE_URL: urlOf(['http', 'https'], 'https://wazaichi.example').optional(),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 48)').optional(),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_DAYS: wholeNumber(1, 30).default(7),
  SESSION_ABSOLUTE_DAYS: wholeNumber(1, 30).default(30),
  PLATFORM_FEE_PERCENT: z.coerce
    .number({ error: 'must be a number from 0 to 50' })
    .min(0, 'must be a number from 0 to 50')
    .max(50, 'must be a number from 0 to 50')
    .default(10),
  SERVICE_PRICE_MIN_YEN: wholeNumber(100).default(500),
  SERVICE_PRICE_MAX_YEN: wholeNumber(1000).default(1_000_000),
  AUTO_APPROVE_DAYS: wholeNumber(1, 60).default(3),
  REVIEW_EDIT_HOURS: wholeNumber(0).default(72),
  PAYOUT_FEE_YEN: wholeNumber(0).default(250),
  PAYOUT_MIN_YEN: wholeNumber(1).default(1000),
  POINTS_VALID_DAYS: wholeNumber(1).default(180),
  TIP_MIN_YEN: wholeNumber(1).default(100),
  TIP_MAX_YEN: wholeNumber(1).default(99_999),
  // Years transaction records are kept after the tax period starts (法人税法施行規則 第59条): 7, or 10 for fiscal
  // years with a carried-forward loss.
  TRANSACTION_RETENTION_YEARS: wholeNumber(7, 10).default(7),
  SEED_DEMO: oneOf(['auto', 'never']).default('auto'),
  JOB_TIME_PERCENT: wholeNumber(1, 100).default(100),
  // How often an idle worker asks each queue for work: jobs people wait for (mail, clean-up, exports) and
  // the scheduled ones (every ten minutes at most often), which can start half a minute late.
  JOB_POLL_S: wholeNumber(1, 60).default(5),
  JOB_POLL_SCHEDULED_S: wholeNumber(5, 45).default(30),
  WEBAUTHN_RP_ID: z.string().min(1, 'must be a domain name, e.g. wazaichi.example').optional(),
  CHECKUP_REMINDER_DAYS: wholeNumber(1).default(180),
  LOGIN_LIMIT_PER_IP: wholeNumber(1).default(100),
  LOGIN_LIMIT_PER_ADDRESS: wholeNumber(1).default(30),
  SIGNUP_LIMIT_PER_IP: wholeNumber(1).default(20),
  // The operator (事業者) named on 特定商取引法に基づく表記, 運営会社, the privacy page, receipts and invoices.
  // The defaults are samples, marked サンプル wherever they appear; a real deployment sets every one.
  OPERATOR_LEGAL_NAME: z
    .string()
    .trim()
    .min(1, 'must be the legal name, e.g. 株式会社技市')
    .max(100, 'at most 100 characters')
    .default(SAMPLE_OPERATOR.legalName),
  OPERATOR_ADDRESS: z
    .string()
    .trim()
    .min(1, 'must be a postal address')
    .max(200, 'at most 200 characters')
    .default(SAMPLE_OPERATOR.address),
  OPERATOR_REPRESENTATIVE: z
    .string()
    .trim()
    .min(1, 'must be the representative, e.g. 代表取締役 山田太郎')
    .max(100, 'at most 100 characters')
    .default(SAMPLE_OPERATOR.representative),
  OPERATOR_EMAIL: z.email({ error: 'must be a contact email address' }).default(SAMPLE_OPERATOR.email),
  OPERATOR_PHONE: z
    .string()
    .trim()
    .regex(/^\+?[0-9-]{10,15}$/, 'must be a telephone number, e.g. 03-1234-5678')
    .default(SAMPLE_OPERATOR.phone),
  OPERATOR_INVOICE_NUMBER: z
    .string()
    .trim()
    .refine((v) => invoiceNumberProblem(v) !== 'format', 'must be T and 13 digits, e.g. T7000012050002')
    .refine(
      (v) => invoiceNumberProblem(v) !== 'checkDigit',
      'the check digit (first of the 13 digits) does not match; check the number',
    )
    .default(SAMPLE_OPERATOR.invoiceNumber),
  // How many reverse proxies (TLS terminators, load balancers) stand in front and append to X-Forwarded-For.
  TRUST_PROXY: wholeNumber(0, 5).default(0),
  // Who may read /metrics: addresses or CIDR ranges, comma-separated, judged by the same client-IP rule.
  METRICS_ALLOW: z
    .string()
    .default('127.0.0.1,::1')
    .transform((text, ctx) => {
      const entries = text
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      const bad = entries.filter((entry) => !addressRange(entry));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `not an address or CIDR range: ${bad.join(', ')} (e.g. 10.0.0.0/8,::1)`,
        });
        return z.NEVER;
      }
      return entries;
    }),
  // How long a stopping process waits for requests and jobs in flight before it exits anyway.
  SHUTDOWN_GRACE_S: wholeNumber(0, 600).default(20),
  // Files in an S3-compatible bucket instead of DATA_DIR: all five together, or none.
  S3_ENDPOINT: urlOf(['http', 'https'], 'https://s3.ap-northeast-1.amazonaws.com').optional(),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name (3–63 lower-case letters, digits, dots, dashes)',
    )
    .optional(),
  S3_REGION: z.string().min(1, 'must be a region, e.g. ap-northeast-1 (or auto for R2)').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1, 'must be the access key id').optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1, 'must be the secret access key').optional(),
  // SNS sign-in: a JSON list of OpenID Connect providers, e.g.
  // [{"id":"google","name":"Google","issuer":"https://accounts.google.com","clientId":"…","clientSecret":"…"}]
  // A Groonga server (groonga --protocol http) for search; PostgreSQL searches when it is unset or away.
  SEARCH_URL: urlOf(['http', 'https'], 'http://127.0.0.1:10041').optional(),
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
          id: z.string({ error: 'required' }).regex(/^[a-z0-9-]{1,30}$/, 'lower-case letters, digits and dashes'),
          name: z
            .string({ error: 'required, the name shown on the button' })
            .min(1, 'required, the name shown on the button')
            .max(40, 'at most 40 characters'),
          issuer: z.url({ error: "must be the provider's issuer URL, e.g. https://accounts.google.com" }),
          clientId: z.string({ error: 'required' }).min(1, 'required'),
          clientSecret: z.string({ error: 'required' }).min(1, 'required'),
        }),
        { error: 'must be a JSON list of providers' },
      ),
    ),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  databaseUrl?: string;
  /** Reverse proxies in front of the app whose X-Forwarded-For entries are believed (0: use the socket address). */
  trustedProxies: number;
  /** Addresses and CIDR ranges allowed to read /metrics (default loopback). */
  metricsAllow: string[];
  /** Seconds a stopping process waits for requests and jobs in flight. */
  shutdownGraceSeconds: number;
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
    /** おひねり (tip): the smallest and largest amount a buyer may add to an order. */
    tipMinYen: number;
    tipMaxYen: number;
  };
  seedDemo: boolean;
  /** Years transaction records are kept (retention/periods.ts periodsOf reads it): 7, up to 10 for loss years. */
  transactionRetentionYears: number;
  /** Every job queue's expiry and retry delay, in percent of its own (crash-recovery tests shorten them). */
  jobTimePercent: number;
  /** Seconds between an idle worker's polls of a queue: on-demand jobs, and jobs on a schedule. */
  jobPollSeconds: { onDemand: number; scheduled: number };
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
  /** The bucket files are kept in, when set; otherwise the folder DATA_DIR. */
  s3?: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };
  /** Groonga's HTTP address (no trailing slash), or undefined: PostgreSQL search. */
  searchUrl?: string;
  operator: OperatorIdentity;
};

/** Who runs the service, as the law asks it to be named. isSample: the demo defaults are in use. */
export type OperatorIdentity = {
  legalName: string;
  address: string;
  representative: string;
  email: string;
  phone: string;
  invoiceNumber: string;
  isSample: boolean;
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
  if (e.TIP_MIN_YEN > e.TIP_MAX_YEN)
    throw new ConfigError('Invalid settings:\n  TIP_MIN_YEN must not exceed TIP_MAX_YEN');
  // Plain-http issuers exist only on a developer's machine (or in the tests' local provider).
  if (e.NODE_ENV === 'production' && e.SNS_PROVIDERS.some((p) => !p.issuer.startsWith('https://'))) {
    throw new ConfigError('Invalid settings:\n  SNS_PROVIDERS: every issuer must use https in production');
  }
  const s3Names = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  const s3Missing = s3Names.filter((name) => !e[name]);
  if (s3Missing.length > 0 && s3Missing.length < s3Names.length) {
    throw new ConfigError(
      `Invalid settings:\n  ${s3Missing.join(', ')}: required when any S3_ setting is set (all five, or none)`,
    );
  }
  return {
    s3:
      s3Missing.length === 0
        ? {
            endpoint: e.S3_ENDPOINT!,
            bucket: e.S3_BUCKET!,
            region: e.S3_REGION!,
            accessKeyId: e.S3_ACCESS_KEY_ID!,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
          }
        : undefined,
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
      tipMinYen: e.TIP_MIN_YEN,
      tipMaxYen: e.TIP_MAX_YEN,
    },
    seedDemo: e.SEED_DEMO === 'auto' && e.NODE_ENV !== 'production',
    transactionRetentionYears: e.TRANSACTION_RETENTION_YEARS,
    jobTimePercent: e.JOB_TIME_PERCENT,
    jobPollSeconds: { onDemand: e.JOB_POLL_S, scheduled: e.JOB_POLL_SCHEDULED_S },
    loginLimits: { perIp: e.LOGIN_LIMIT_PER_IP, perAddress: e.LOGIN_LIMIT_PER_ADDRESS },
    signupLimitPerIp: e.SIGNUP_LIMIT_PER_IP,
    trustedProxies: e.TRUST_PROXY,
    metricsAllow: e.METRICS_ALLOW,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_S,
    checkupReminderDays: e.CHECKUP_REMINDER_DAYS,
    webauthn: { rpId: e.WEBAUTHN_RP_ID ?? new URL(baseUrl).hostname, origin: new URL(baseUrl).origin },
    snsProviders: e.SNS_PROVIDERS,
    operator: operatorFrom(e),
    searchUrl: e.SEARCH_URL?.replace(/\/+$/, ''),
  };
}

function operatorFrom(e: z.infer<typeof envSchema>): OperatorIdentity {
  const operator = {
    legalName: e.OPERATOR_LEGAL_NAME,
    address: e.OPERATOR_ADDRESS,
    representative: e.OPERATOR_REPRESENTATIVE,
    email: e.OPERATOR_EMAIL,
    phone: e.OPERATOR_PHONE,
    invoiceNumber: e.OPERATOR_INVOICE_NUMBER,
  };
  const isSample = (Object.keys(SAMPLE_OPERATOR) as (keyof typeof SAMPLE_OPERATOR)[]).some(
    (k) => operator[k] === SAMPLE_OPERATOR[k],
  );
  return { ...operator, isSample };
}

/** The settings for a command-line tool: a bad value prints its message, without a stack trace, and exits with status 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

/** Settings that start but are probably a mistake: logged as warnings at start. */
export function startupWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.env === 'production' && config.operator.isSample)
    warnings.push(
      'OPERATOR_* settings still hold sample values: set the real operator details (特定商取引法に基づく表記)',
    );
  if (config.env === 'production' && !config.smtpUrl)
    warnings.push('SMTP_URL is not set: mail stays in the outbox (mail_outbox) and is never sent');
  return warnings;
}

// Production must be given its secret; development keeps a generated one under DATA_DIR
// so sessions and tokens survive a restart.
function developmentSecret(env: string, dataDir: string): string {
  if (env === 'production') throw new ConfigError('Invalid settings:\n  SECRET_KEY: required in production');
  const file = join(dataDir, 'secret.key');
  try {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  } catch (error) {
    throw new ConfigError(
      `Invalid settings:\n  DATA_DIR: cannot keep the development secret in ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); choose a folder this process can write`,
    );
  }
}
