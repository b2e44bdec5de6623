import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useSiarInChromium } from '../support/e2e-browser';
import { describe, expect, it } from 'vitest';

const ADMIN_PASSWORD = 'E2e-Admin-Passphrase-2026';
/** The demo regency's X accounts (server/src/seed/demo-seed.ts). */
const HANDLES = ['dinkes_kabtng', 'diskominfo_kabtng', 'pemkabtangerang', 'kec_tigaraksa'] as const;
const WIB_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

const wibDate = (daysAhead: number) => new Date(Date.now() + WIB_OFFSET_MS + daysAhead * DAY_MS).toISOString().slice(0, 10);

/** A month's plan: 200 rows over the coming weeks, rows 52, 102 and 152 (sheet numbering) bad. */
function monthPlan(): string {
  const lines = Array.from({ length: 200 }, (_, i) => {
    const handle = HANDLES[i % HANDLES.length];
    const day = wibDate(3 + (i % 25));
    const time = `${String(7 + (i % 10)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
    const text = `Info layanan ${i + 1}: ${['jadwal posyandu', 'vaksinasi anak', 'pelayanan KTP keliling', 'kerja bakti'][i % 4]} pekan ini, kelurahan ke-${i + 1}`;
    if (i === 50) return `@akun_palsu;${day};${time};${text};`;
    if (i === 100) return `@${handle};${day};${time};${'Kalimat panjang yang melebihi batas X. '.repeat(9)};`;
    if (i === 150) return `@${handle};${wibDate(-2)};${time};${text};`;
    return `@${handle};${day};${time};${text};`;
  });
  return `\uFEFFakun;tanggal;jam;teks;media_url\r\n${lines.join('\r\n')}\r\n`;
}

describe('when the demo admin imports a month of posts from a CSV in the browser, then the valid rows are scheduled and the bad ones explained', () => {
  const app = useSiarInChromium({ adminPassword: ADMIN_PASSWORD, context: { viewport: { width: 1280, height: 900 } } });
  const artifactsDir = process.env.SIAR_E2E_ARTIFACTS_DIR ?? mkdtempSync(join(tmpdir(), 'siar-e2e-artifacts-'));

  it('uploads 200 rows, sees the 3 bad ones with their reasons, schedules the 197 others and finds them as posts', async () => {
    const { siar, context } = app;
    const { url } = siar;
    const page = await context.newPage();
    try {
      await page.goto(`${url}/login`);
      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/posts$/, { timeout: 15_000 });

      await page.getByTestId('nav-imports').click();
      await page.waitForURL(/\/import$/, { timeout: 15_000 });
      expect(await page.getByTestId('import-template-link').getAttribute('href')).toBe('/api/imports/template.csv');

      await page
        .getByTestId('import-dropzone')
        .locator('input[type=file]')
        .setInputFiles({ name: 'rencana-bulan-depan.csv', mimeType: 'text/csv', buffer: Buffer.from(monthPlan(), 'utf8') });
      const preview = page.getByTestId('import-preview');
      await preview.waitFor({ timeout: 30_000 });
      const summary = page.getByTestId('import-summary');
      expect([await summary.getAttribute('data-valid'), await summary.getAttribute('data-invalid')]).toEqual(['197', '3']);
      expect(await summary.innerText()).toContain('197 baris valid, 3 bermasalah');
      expect(await page.getByTestId('import-nothing-scheduled').innerText()).toContain('tidak ada postingan yang dibuat');

      // With problems present the table opens on them: exactly the three, each with its reason.
      const flagged = page.getByTestId('import-row');
      await expect.poll(() => flagged.count(), { timeout: 10_000 }).toBe(3);
      expect(
        await flagged.evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-row-number'), r.getAttribute('data-status')])),
      ).toEqual([
        ['52', 'invalid'],
        ['102', 'invalid'],
        ['152', 'invalid'],
      ]);
      const reasons = await page.getByTestId('import-row-error').allInnerTexts();
      expect(reasons).toHaveLength(3);
      expect(reasons[0]).toContain('Akun tidak dikenal: @akun_palsu');
      expect(reasons[1]).toMatch(/Teks terlalu panjang untuk X \(\d+\/280\)/);
      expect(reasons[2]).toContain('Waktu jadwal sudah lewat');
      await page.screenshot({ path: join(artifactsDir, 'import-01-preview.png'), fullPage: true });

      // The whole table is there too, a page at a time.
      await page.getByTestId('import-only-problems').click();
      await expect.poll(() => flagged.count(), { timeout: 10_000 }).toBe(50);
      const importId = await preview.getAttribute('data-import-id');
      if (!importId) throw new Error('the preview has no data-import-id');

      // Every count the progress bar shows on the way, to check it only goes forward.
      await page.evaluate(`(() => {
        const seen = (window.importProgressSeen = []);
        new MutationObserver(() => {
          const bar = document.querySelector('[data-testid="import-progress"]');
          if (bar) seen.push(Number(bar.getAttribute('data-processed')));
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      })()`);
      await page.getByTestId('import-schedule').click();
      // Progress is polled every second until the result shows every valid row scheduled.
      const result = page.getByTestId('import-result');
      await result.waitFor({ timeout: 120_000 });
      expect([await result.getAttribute('data-created'), await result.getAttribute('data-failed')]).toEqual(['197', '0']);
      expect(await page.getByTestId('import-calendar-link').getAttribute('href')).toBe('/calendar');
      await page.screenshot({ path: join(artifactsDir, 'import-02-result.png'), fullPage: true });
      const seen = (await page.evaluate('window.importProgressSeen')) as number[];
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      console.log(
        `[e2e] progress bar showed ${[...new Set(seen)].join(' → ') || '(the run finished before the first poll)'} then the result: 197 posts`,
      );
      // The recent imports below show it finished.
      await expect
        .poll(() => page.locator(`[data-testid="import-history-item"][data-import-id="${importId}"]`).getAttribute('data-status'), {
          timeout: 15_000,
        })
        .toBe('done');

      // The posts exist, scheduled, one per valid row (the API through the same session).
      const state = await (await page.request.get(`${url}/api/imports/${importId}`)).json();
      expect(state).toMatchObject({ status: 'done', createdPosts: 197, processedRows: 197, failedRows: [] });
      const postIds = new Set<string>(state.rows.flatMap((r: { postId: string | null }) => (r.postId ? [r.postId] : [])));
      expect(postIds.size).toBe(197);
      const posts = (await (await page.request.get(`${url}/api/posts?limit=500`)).json()) as { items: { id: string; status: string }[] };
      const imported = posts.items.filter((p) => postIds.has(p.id));
      expect(imported).toHaveLength(197);
      expect(new Set(imported.map((p) => p.status))).toEqual(new Set(['scheduled']));
      console.log(
        `[e2e] import screenshots: ${join(artifactsDir, 'import-01-preview.png')}, ${join(artifactsDir, 'import-02-result.png')}`,
      );
    } catch (err) {
      await page.screenshot({ path: join(artifactsDir, 'import-failure.png'), fullPage: true }).catch(() => undefined);
      console.error(`[e2e] failed; screenshot at ${join(artifactsDir, 'import-failure.png')}; launcher log tail:\n${siar.logTail(80)}`);
      throw err;
    } finally {
      await page.close().catch(() => undefined);
    }
  }, 300_000);
});
