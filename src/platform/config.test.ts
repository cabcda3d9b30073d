import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, startupWarnings } from './config';

const SECRET = 'a-secret-key-of-at-least-32-characters-0123';
const realOperator = {
  OPERATOR_LEGAL_NAME: '株式会社技市',
  OPERATOR_ADDRESS: '〒150-0002 東京都渋谷区渋谷2-1-1',
  OPERATOR_REPRESENTATIVE: '代表取締役 山田太郎',
  OPERATOR_EMAIL: 'support@wazaichi.jp',
  OPERATOR_PHONE: '03-1234-5678',
  OPERATOR_INVOICE_NUMBER: 'T7000012050002',
};
const valid = { NODE_ENV: 'test', SECRET_KEY: SECRET, DATA_DIR: '.test-artifacts/config-data', ...realOperator };

function problemWith(env: Record<string, string | undefined>): string {
  try {
    loadConfig({ ...valid, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('settings validated at start', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT: must be a whole number from 1 to 65535'],
    [{ PORT: '70000' }, 'PORT: must be a whole number from 1 to 65535'],
    [{ DATABASE_URL: 'localhost:5432' }, 'DATABASE_URL: must be a URL like postgres://'],
    [{ DATABASE_URL: 'mysql://user@db/wazaichi' }, 'DATABASE_URL: must be a URL like postgres://'],
    [{ NODE_ENV: 'production', SECRET_KEY: undefined }, 'SECRET_KEY: required in production'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY: must be at least 32 characters'],
    [{ SNS_PROVIDERS: '[{"id": "google",' }, 'SNS_PROVIDERS: must be a JSON list of providers'],
    [{ SNS_PROVIDERS: '{"id": "google"}' }, 'SNS_PROVIDERS: must be a JSON list of providers'],
    [
      { SNS_PROVIDERS: '[{"id": "Google", "name": "Google"}]' },
      'SNS_PROVIDERS.0.id: lower-case letters, digits and dashes',
    ],
    [
      { SNS_PROVIDERS: '[{"id": "google", "name": "Google"}]' },
      "SNS_PROVIDERS.0.issuer: must be the provider's issuer URL",
    ],
    [{ NODE_ENV: 'prod' }, 'NODE_ENV: must be one of: development, production, test'],
    [{ BASE_URL: 'wazaichi.example' }, 'BASE_URL: must be a URL like https://'],
    [{ SMTP_URL: 'mail.example:587' }, 'SMTP_URL: must be a URL like smtp://'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of: fatal, error'],
    [{ SESSION_IDLE_DAYS: '0' }, 'SESSION_IDLE_DAYS: must be a whole number from 1 to 30'],
    [{ POINTS_VALID_DAYS: '1.5' }, 'POINTS_VALID_DAYS: must be a whole number, at least 1'],
    [{ PLATFORM_FEE_PERCENT: 'ten' }, 'PLATFORM_FEE_PERCENT: must be a number from 0 to 50'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO: must be one of: auto, never'],
    [{ TRANSACTION_RETENTION_YEARS: '5' }, 'TRANSACTION_RETENTION_YEARS: must be a whole number from 7 to 10'],
    [{ TRANSACTION_RETENTION_YEARS: 'seven' }, 'TRANSACTION_RETENTION_YEARS: must be a whole number from 7 to 10'],
    [
      { SERVICE_PRICE_MIN_YEN: '5000', SERVICE_PRICE_MAX_YEN: '1000' },
      'SERVICE_PRICE_MIN_YEN must not exceed SERVICE_PRICE_MAX_YEN',
    ],
    [
      {
        NODE_ENV: 'production',
        SNS_PROVIDERS: '[{"id":"local","name":"L","issuer":"http://127.0.0.1:9","clientId":"a","clientSecret":"b"}]',
      },
      'every issuer must use https in production',
    ],
    [{ SECRET_KEY: undefined, DATA_DIR: 'package.json/data' }, 'DATA_DIR: cannot keep the development secret'],
  ])('%j is refused: %s', (env, message) => {
    const text = problemWith(env);
    expect(text).toContain(message);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it("checks the operator's invoice registration number, check digit included, and marks the demo defaults as samples", () => {
    expect(problemWith({ OPERATOR_INVOICE_NUMBER: '7000012050002' })).toContain(
      'OPERATOR_INVOICE_NUMBER: must be T and 13 digits',
    );
    expect(problemWith({ OPERATOR_INVOICE_NUMBER: 'T8000012050002' })).toContain(
      'OPERATOR_INVOICE_NUMBER: the check digit',
    );
    expect(problemWith({ OPERATOR_PHONE: 'call us' })).toContain('OPERATOR_PHONE: must be a telephone number');
    expect(loadConfig(valid).operator).toMatchObject({
      legalName: '株式会社技市',
      invoiceNumber: 'T7000012050002',
      isSample: false,
    });
    const demo = loadConfig({ NODE_ENV: 'test', SECRET_KEY: SECRET, DATA_DIR: '.test-artifacts/config-data' });
    expect(demo.operator.isSample).toBe(true);
    expect(startupWarnings({ ...demo, env: 'production', smtpUrl: 'smtp://mail.example:587' })).toEqual([
      expect.stringContaining('OPERATOR_'),
    ]);
  });

  it('keeps transaction records 7 years unless told 10 (years with a carried-forward loss)', () => {
    expect(loadConfig(valid).transactionRetentionYears).toBe(7);
    expect(loadConfig({ ...valid, TRANSACTION_RETENTION_YEARS: '10' }).transactionRetentionYears).toBe(10);
  });

  it('accepts the forms the documentation gives', () => {
    const config = loadConfig({
      ...valid,
      PORT: '8080',
      DATABASE_URL: 'postgresql://user:pass@db.internal:5432/wazaichi?sslmode=require',
      SMTP_URL: 'smtps://user:pass@mail.example:465',
      BASE_URL: 'https://wazaichi.example/',
    });
    expect(config.port).toBe(8080);
    expect(config.baseUrl).toBe('https://wazaichi.example');
  });

  it('warns in production when mail has no SMTP server to go to', () => {
    expect(startupWarnings(loadConfig({ ...valid, NODE_ENV: 'production' }))).toEqual([
      expect.stringContaining('SMTP_URL is not set'),
    ]);
    expect(
      startupWarnings(loadConfig({ ...valid, NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example:587' })),
    ).toEqual([]);
    expect(startupWarnings(loadConfig(valid))).toEqual([]);
  });

  it('npm start stops on a bad setting or an unreachable database with one clear line and status 2, no stack trace', () => {
    const start = (env: Record<string, string>) =>
      spawnSync('node_modules/.bin/tsx', ['src/main.ts', 'web'], {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          SECRET_KEY: SECRET,
          SMTP_URL: 'smtp://127.0.0.1:2525',
          ...env,
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const badPort = start({ PORT: 'abc', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr.trim()).toBe('Invalid settings:\n  PORT: must be a whole number from 1 to 65535');
    const noDatabase = start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(noDatabase.status).toBe(2);
    expect(noDatabase.stderr).toContain(
      'Cannot open the database (DATABASE_URL, or the embedded one in DATA_DIR): connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(noDatabase.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
