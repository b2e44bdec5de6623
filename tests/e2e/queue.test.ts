import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { useSiarInChromium } from '../support/e2e-browser';
import { describe, expect, it } from 'vitest';

const ADMIN_PASSWORD = 'E2e-Admin-Passphrase-2026';
const HANDLE = 'dinkes_kabtng';
const WIB_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Every day at 08:00 and 19:00 WIB (UTC+7, no DST) in (now, now + days]: plain arithmetic, independent of the app. */
function dailyInstants(times: string[], fromMs: number, days: number): string[] {
  const wibMidnight = Math.floor((fromMs + WIB_MS) / DAY_MS) * DAY_MS;
  const all: number[] = [];
  for (let d = 0; d <= days + 1; d++) {
    for (const time of times) {
      const [hh, mm] = time.split(':').map(Number);
      all.push(wibMidnight + d * DAY_MS + hh! * 3600_000 + mm! * 60_000 - WIB_MS);
    }
  }
  return all
    .filter((ms) => ms > fromMs && ms <= fromMs + days * DAY_MS)
    .sort((a, b) => a - b)
    .map((ms) => new Date(ms).toISOString());
}

/** axe-core's serious and critical findings inside the queue page (the app's header and nav are not this page's). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  // A string, as the tests are compiled without the DOM's types.
  const violations = (await page.evaluate(
    "axe.run(document.querySelector('[data-testid=queue-page]'), { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('when an admin sets daily queue times for a demo account in the browser, then the next 14 days list those slots', () => {
  // bypassCSP only lets the test inject axe-core; the app itself runs under its strict policy.
  const app = useSiarInChromium({ adminPassword: ADMIN_PASSWORD, context: { viewport: { width: 1280, height: 900 }, bypassCSP: true } });
  const artifactsDir = process.env.SIAR_E2E_ARTIFACTS_DIR ?? mkdtempSync(join(tmpdir(), 'siar-e2e-artifacts-'));

  it('saves Mon–Sun 08:00 and 19:00, lists the slots as free, and shows a post added to the queue in the first one', async () => {
    const { siar, context } = app;
    const page = await context.newPage();
    try {
      await page.goto(`${siar.url}/login`);
      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/posts$/, { timeout: 15_000 });

      await page.getByTestId('nav-queue').click();
      await page.waitForURL(/\/queue$/);
      await page.getByTestId(`queue-account-control-${HANDLE}`).click({ timeout: 15_000 });
      const account = page.locator(`[data-testid="queue-account"][data-handle="${HANDLE}"]`);
      const editor = account.getByTestId('slot-editor');
      await editor.waitFor();

      // Two times, every day of the week.
      for (const time of ['08:00', '19:00']) {
        await editor.getByTestId('slot-new-time').fill(time);
        await editor.getByTestId('slot-everyday').click();
        await editor.getByTestId('slot-add').click();
      }
      expect(await editor.getByTestId('slot-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-time')))).toEqual([
        '08:00',
        '19:00',
      ]);
      expect(await editor.locator('input[type="checkbox"][data-testid^="slot-toggle-"]:checked').count()).toBe(14);
      await editor.getByTestId('slots-save').click();
      await editor.getByTestId('slots-saved').waitFor({ timeout: 15_000 });
      const savedAt = Date.now();

      // The next 14 days: every 08:00 and 19:00 WIB, all free ("Kosong").
      const entries = account.locator('[data-testid="queue-entry"][data-kind="slot"]');
      await expect.poll(() => entries.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(27);
      const listed = await entries.evaluateAll((items) =>
        items.map((i) => ({ at: i.getAttribute('data-at'), free: i.getAttribute('data-free'), text: i.textContent ?? '' })),
      );
      expect(listed.map((e) => e.at)).toEqual(dailyInstants(['08:00', '19:00'], savedAt, 14));
      expect(listed.every((e) => e.free === 'true' && e.text.includes('Kosong'))).toBe(true);
      expect(listed.every((e) => /(08|19):00 WIB/.test(e.text))).toBe(true);
      await page.screenshot({ path: join(artifactsDir, 'queue-01-slots.png'), fullPage: true });

      // The page (editor open, slots listed) passes axe-core: no serious or critical finding.
      expect(await seriousViolations(page)).toEqual([]);

      // "Tambah ke antrean" as the composer sends it: the first slot is taken by that post.
      const accountId = await account.getAttribute('data-account-id');
      const text = `Antrean E2E ${Date.now()}`;
      // The browser context's own cookies (session, CSRF) carry over to its request client.
      const csrf = (await context.cookies(siar.url)).find((c) => c.name === 'siar_csrf')?.value ?? '';
      const res = await context.request.post(`${siar.url}/api/posts`, {
        headers: { 'x-csrf-token': decodeURIComponent(csrf) },
        data: { accountIds: [accountId], text, scheduledAt: null, queue: true },
      });
      const created = { status: res.status(), body: (await res.json()) as { scheduledAt: string } };
      expect(created.status).toBe(201);
      // The first slot more than a minute ahead (the queue never picks one closer than that).
      const pick = listed.find((e) => Date.parse(e.at ?? '') > Date.now() + 60_000)?.at;
      expect(created.body.scheduledAt).toBe(pick);
      await page.reload();
      await page.getByTestId(`queue-account-control-${HANDLE}`).click({ timeout: 15_000 });
      const taken = account.locator(`[data-testid="queue-entry"][data-at="${pick}"]`);
      await expect.poll(() => taken.getAttribute('data-free'), { timeout: 15_000 }).toBe('false');
      expect(await taken.getByTestId('queue-entry-post').textContent()).toContain(text);
      await page.waitForTimeout(400); // the panel's opening transition
      await page.screenshot({ path: join(artifactsDir, 'queue-02-taken.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      console.log(`[e2e] screenshots: ${join(artifactsDir, 'queue-01-slots.png')}, ${join(artifactsDir, 'queue-02-taken.png')}`);
    } catch (err) {
      await page.screenshot({ path: join(artifactsDir, 'queue-failure.png'), fullPage: true }).catch(() => undefined);
      console.error(`[e2e] failed; screenshot at ${join(artifactsDir, 'queue-failure.png')}; launcher log tail:\n${siar.logTail(80)}`);
      throw err;
    } finally {
      await page.close().catch(() => undefined);
    }
  }, 300_000);
});
