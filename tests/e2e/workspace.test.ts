import { mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, stopSiarCleanly } from '../support/e2e-browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSiar, type TSiarInstance } from '../support/e2e-launcher';

const ADMIN_PASSWORD = 'E2e-Workspace-Passphrase-2026';
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The pages an operator or admin works in, by their nav test id and path. */
const PAGES = [
  { name: 'posts', path: '/posts', ready: 'post-text' },
  { name: 'calendar', path: '/calendar', ready: 'calendar' },
  { name: 'queue', path: '/queue', ready: 'queue-page' },
  { name: 'import', path: '/import', ready: 'import-page' },
  { name: 'accounts', path: '/accounts', ready: 'account-group' },
  { name: 'activity', path: '/activity', ready: 'activity-export' },
  { name: 'approvals', path: '/approvals', ready: 'approvals-tab-queue' },
  { name: 'audit', path: '/audit', ready: 'audit-export' },
  { name: 'admin', path: '/admin/opds', ready: 'admin-tab-opds' },
] as const;

interface TAxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<TAxeViolation[]> {
  await page.addScriptTag({ path: axePath });
  // A string, as the tests are compiled without the DOM's types.
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as TAxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * A plan worth looking at: a dozen posts over the coming days at office hours (WIB), to the demo
 * accounts, made through the API with the page's own session, so the screenshots show a calendar
 * and lists as an operator sees them.
 */
async function seedPlan(page: Page, baseUrl: string): Promise<void> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'siar_csrf')?.value ?? '';
  const headers = { 'x-csrf-token': decodeURIComponent(csrf), 'content-type': 'application/json' };
  const accounts = (await (await page.request.get(`${baseUrl}/api/accounts`)).json()) as
    { items?: { id: string; platform: string }[] } | { id: string; platform: string }[];
  const list = Array.isArray(accounts) ? accounts : (accounts.items ?? []);
  const xAccounts = list.filter((a) => a.platform === 'x');
  const texts = [
    'Jadwal posyandu balita pekan ini di 29 kecamatan. Bawa buku KIA. #SehatBersama',
    'Pelayanan KTP elektronik keliling hadir di Kecamatan Tigaraksa, Sabtu pukul 08.00 WIB.',
    'Waspada DBD di musim hujan: lakukan 3M Plus di rumah masing-masing.',
    'Pendaftaran UMKM binaan Pemkab Tangerang dibuka hingga akhir bulan.',
    'Cek fakta: pesan berantai tentang pemadaman air tidak benar. Sumber resmi: Perumda Tirta Kerta Raharja.',
    'Car free day Jalan Raya Tigaraksa, Minggu pukul 06.00–09.00 WIB.',
  ];
  const day = 86_400_000;
  for (let i = 0; i < 12; i++) {
    // WIB midnight of day i + 1, then 08:00, 12:00 or 19:00 WIB (UTC+7, no DST), as a UTC instant.
    const wibMidnight = Math.floor((Date.now() + 7 * 3600_000) / day) * day + Math.floor(i / 2 + 1) * day;
    const at = new Date(wibMidnight + [8, 12, 19][i % 3]! * 3600_000 - 7 * 3600_000);
    const accountIds = [
      xAccounts[i % xAccounts.length]!.id,
      ...(i % 4 === 0 && xAccounts.length > 1 ? [xAccounts[(i + 1) % xAccounts.length]!.id] : []),
    ];
    const res = await page.request.post(`${baseUrl}/api/posts`, {
      headers,
      data: { accountIds, text: `${texts[i % texts.length]} (${i + 1})`, scheduledAt: at.toISOString() },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
}

describe('the operator workspace in the browser: every main page, both languages, light and dark, accessible', () => {
  let siar: TSiarInstance | undefined;
  let browser: Browser | undefined;
  /** SIAR_E2E_SCREENSHOTS_DIR=docs/screenshots refreshes the README's pictures. */
  const shotsDir = process.env.SIAR_E2E_SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'siar-e2e-shots-'));

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    siar = await startSiar({ adminPassword: ADMIN_PASSWORD, readyTimeoutMs: 180_000 });
    browser = await launchChromium();
  }, 200_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (siar) await stopSiarCleanly(siar);
  }, 60_000);

  async function signedIn(options: { width: number; height: number; colorScheme?: 'light' | 'dark' }): Promise<Page> {
    if (!siar || !browser) throw new Error('the app or the browser did not start');
    // bypassCSP only lets the test inject axe-core; the app itself runs under its strict policy.
    const context = await browser.newContext({
      viewport: { width: options.width, height: options.height },
      bypassCSP: true,
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    await page.goto(`${siar.url}/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/posts$/, { timeout: 15_000 });
    return page;
  }

  it('when each main page is opened, then axe finds no serious or critical violation, in light and in dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await signedIn({ width: 1280, height: 800, colorScheme });
      try {
        if (colorScheme === 'light') await seedPlan(page, siar!.url);
        for (const target of PAGES) {
          await page.getByTestId(`nav-${target.name === 'import' ? 'imports' : target.name}`).click();
          await page.waitForURL(new RegExp(`${target.path}$`));
          await page.getByTestId(target.ready).first().waitFor({ timeout: 20_000 });
          await page.waitForTimeout(300);
          const found = await seriousViolations(page);
          expect(
            found.map(
              (v) =>
                `${colorScheme} ${target.path}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes
                  .map((n) => n.target.join(' '))
                  .slice(0, 3)
                  .join(', ')}`,
            ),
          ).toEqual([]);
          if (colorScheme === 'light') await page.screenshot({ path: join(shotsDir, `${target.name}.png`), fullPage: false });
        }
      } finally {
        await page.context().close();
      }
    }
  }, 240_000);

  it('when the language is switched, then every visible text follows, and the choice survives a reload', async () => {
    const page = await signedIn({ width: 1280, height: 800 });
    try {
      expect(await page.locator('html').getAttribute('lang')).toBe('id');
      expect(await page.getByTestId('nav-calendar').innerText()).toBe('Kalender');
      expect(await page.getByTestId('post-schedule').innerText()).toBe('Jadwalkan');

      await page.getByTestId('language-switch').selectOption('en');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByTestId('nav-calendar').innerText()).toBe('Calendar');
      expect(await page.getByTestId('post-schedule').innerText()).toBe('Schedule');
      // Validation messages follow the language too.
      await page.getByTestId('post-schedule').click();
      expect(await page.locator('body').innerText()).toMatch(/Choose at least one account/i);

      await page.reload();
      await page.getByTestId('post-text').waitFor();
      expect(await page.getByTestId('nav-queue').innerText()).toBe('Queue');
      await page.getByTestId('language-switch').selectOption('id');
      await expect.poll(() => page.getByTestId('nav-queue').innerText()).toBe('Antrean');
    } finally {
      await page.context().close();
    }
  }, 60_000);

  it('when opened on a phone, then the menu folds behind a button and the pages fit the width', async () => {
    const page = await signedIn({ width: 390, height: 844 });
    try {
      expect(await page.getByTestId('nav-calendar').isVisible()).toBe(false);
      await page.getByTestId('nav-toggle').click();
      await page.getByTestId('nav-calendar').click();
      await page.waitForURL(/\/calendar$/);
      await page.getByTestId('calendar').first().waitFor({ timeout: 20_000 });
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
      expect(overflow, 'no horizontal scrolling on a phone').toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(shotsDir, 'calendar-phone.png'), fullPage: false });
    } finally {
      await page.context().close();
    }
  }, 60_000);

  it("when a scheduled post's text is edited from its card, then the card and the server show the new text at a new revision", async () => {
    const page = await signedIn({ width: 1280, height: 800 });
    try {
      const card = page
        .getByTestId('post-item')
        .filter({ has: page.getByTestId('post-edit') })
        .first();
      await card.waitFor({ timeout: 20_000 });
      const postId = await card.getAttribute('data-post-id');
      const before = (await (await page.request.get(`${siar!.url}/api/posts/${postId}`)).json()) as { text: string; revision: number };
      await card.getByTestId('post-edit').click();
      const text = `${before.text} — diperbarui`;
      await page.getByTestId('edit-text-input').fill(text);
      await page.getByTestId('edit-text-submit').click();
      await expect.poll(() => card.getByTestId('post-item-text').innerText(), { timeout: 10_000 }).toBe(text);
      const after = (await (await page.request.get(`${siar!.url}/api/posts/${postId}`)).json()) as { text: string; revision: number };
      expect([after.text, after.revision]).toEqual([text, before.revision + 1]);
    } finally {
      await page.context().close();
    }
  }, 60_000);
});
