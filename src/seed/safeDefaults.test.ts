import { expect, it } from 'vitest';
import { loadConfig } from '../platform/config';
import { TestClient } from '../../tests/support/client';
import { describeOnDatabases } from '../../tests/support/suites';
import { seedDemoIfEmpty } from './demo';

const production = { SECRET_KEY: 'a-production-secret-key-0123456789-abcdef', BASE_URL: 'https://wazaichi.example' };

it('runs as production when NODE_ENV is not set: no demo data', () => {
  const config = loadConfig(production);
  expect(config.env).toBe('production');
  expect(config.seedDemo).toBe(false);
  expect(loadConfig({ ...production, NODE_ENV: 'development' }).seedDemo).toBe(true);
});

describeOnDatabases(
  'defaults that fail closed',
  (ctx) => {
    it('serves no /dev/mail or /dev/sms and refuses demo data without NODE_ENV=development or test', async () => {
      expect(ctx().config.env).toBe('production');
      const visitor = new TestClient(ctx());
      expect((await visitor.get('/dev/mail')).status).toBe(404);
      expect((await visitor.get('/dev/sms')).status).toBe(404);
      await expect(seedDemoIfEmpty(ctx().deps)).rejects.toThrow(/never/);
    });
  },
  // testConfig sets NODE_ENV=test; this context leaves it unset, as a forgotten setting would.
  { env: { ...production, NODE_ENV: undefined } as unknown as Record<string, string> },
);
