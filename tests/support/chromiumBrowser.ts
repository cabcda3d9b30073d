import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEFAULT_PASSWORD } from './factories';
import { startTestServer } from './httpServer';
import { chromiumPath } from './chromium';

export const hasChromium = chromiumPath() !== null;

/** Debian's Chromium, headless, with nothing reaching outside this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath()!,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh Japanese-speaking browser profile, as a new visitor would arrive. */
export function japaneseContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ locale: 'ja-JP', baseURL, viewport: { width: 1100, height: 900 } });
}

/** Keeps a picture of the page when a step fails, under .test-artifacts/. */
export async function screenshotOnFailure(page: Page, name: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (error) {
    mkdirSync('.test-artifacts', { recursive: true });
    await page.screenshot({ path: `.test-artifacts/${name}.png`, fullPage: true }).catch(() => {});
    throw error;
  }
}

/** A real server and a Chromium for one browser suite, started before its tests and stopped after. */
export function browserSuite(options: Parameters<typeof startTestServer>[0] = {}): {
  readonly server: Awaited<ReturnType<typeof startTestServer>>;
  readonly browser: Browser;
} {
  const state = {} as { server: Awaited<ReturnType<typeof startTestServer>>; browser: Browser };
  beforeAll(async () => {
    state.server = await startTestServer(options);
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.close();
  });
  return state;
}

/** Logs in through the login page, as a person types it. */
export async function logInThroughPage(page: Page, email: string, password: string = DEFAULT_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログインする' }).click();
}
