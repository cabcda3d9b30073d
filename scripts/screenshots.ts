// npm run screenshots: the app on a fresh embedded database with the demo data, photographed in Chromium
// at a desktop and a phone width. The pictures land in screenshots/ (not committed) for anyone to look at.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort } from '../bench/lib';
import { chromiumPath } from '../tests/support/chromium';

const OUT = 'screenshots';
const WIDTHS = [1280, 390] as const;
// The demo password is in the README; every demo member shares it.
const PASSWORD = 'tea-garden-sunrise-2026';

async function startApp() {
  const dataDir = mkdtempSync(join(tmpdir(), 'wz-shots-'));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  // The embedded database, whatever DATABASE_URL the shell has.
  const { DATABASE_URL: _server, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'all'], {
    env: { ...env, DATA_DIR: dataDir, PORT: String(port), BASE_URL: baseUrl },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
    // The demo data is written before the first service appears on the home page.
    const home = await fetch(baseUrl).catch(() => null);
    if (home?.ok && (await home.text()).includes('/services/')) break;
    if (Date.now() > deadline) {
      stop();
      throw new Error('app did not start within 120 s');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { baseUrl, stop };
}

async function logIn(page: Page, email: string) {
  await page.goto('/login');
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.click('main button[type="submit"]'),
  ]);
}

async function shoot(page: Page, name: string, width: number) {
  // A full-page picture shows what is below the fold: lazy pictures are loaded first.
  await page.evaluate(() =>
    document.querySelectorAll<HTMLImageElement>('img[loading="lazy"]').forEach((img) => (img.loading = 'eager')),
  );
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: true });
  console.log(`${OUT}/${name}-${width}.png`);
}

async function photograph(browser: Browser, baseURL: string, width: number) {
  const context = await browser.newContext({ baseURL, locale: 'ja-JP', viewport: { width, height: 900 } });
  const page = await context.newPage();
  await logIn(page, 'buyer@demo.wazaichi.test');
  await page.goto('/');
  await shoot(page, 'home', width);
  await page.goto((await page.locator('.service-card a.card-link').first().getAttribute('href'))!);
  await shoot(page, 'service', width);
  await page.goto('/mypage');
  await shoot(page, 'mypage', width);
  await page.goto((await page.locator('main a[href^="/orders/"]').first().getAttribute('href'))!);
  await shoot(page, 'order-room', width);
  await context.close();

  // 退会 step 4 needs a member with nothing open: the demo operator's second account has none.
  const leaving = await browser.newContext({ baseURL, locale: 'ja-JP', viewport: { width, height: 900 } });
  const leaver = await leaving.newPage();
  await logIn(leaver, 'sato.design.fan@demo.wazaichi.test');
  await leaver.goto('/settings/withdrawal?step=3');
  await leaver.locator('input[name="reason"]').first().check();
  await Promise.all([
    leaver.waitForURL('**/settings/withdrawal/confirm'),
    leaver.locator('main form button[type="submit"]').last().click(),
  ]);
  await shoot(leaver, 'withdrawal-step4', width);
  await leaving.close();
}

const executablePath = chromiumPath();
if (!executablePath) throw new Error('Chromium not found: install Debian’s chromium or set CHROMIUM_PATH');
mkdirSync(OUT, { recursive: true });
const app = await startApp();
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const width of WIDTHS) await photograph(browser, app.baseUrl, width);
} finally {
  await browser.close();
  app.stop();
}
