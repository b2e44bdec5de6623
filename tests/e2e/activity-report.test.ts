import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useSiarInChromium } from '../support/e2e-browser';
import { describe, expect, it } from 'vitest';
import { utcToZonedWallTime } from '@siar/shared';
import { ApiClient } from '../support/api-client';

const ADMIN_PASSWORD = 'E2e-Admin-Passphrase-2026';

interface TPostView {
  id: string;
  status: string;
  deliveries: { status: string; publishedAt: string | null }[];
}

/** Waits until every delivery of the post is published by the worker (through the X emulator). */
async function waitPublished(api: ApiClient, id: string): Promise<TPostView> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const post = (await api.get(`/api/posts/${id}`)).body as TPostView;
    if (post.deliveries.every((d) => d.status === 'published')) return post;
    if (Date.now() > deadline) throw new Error(`post ${id} not published: ${JSON.stringify(post.deliveries)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('when a supervisor prints the monthly activity report, then Chromium renders an A4 PDF holding the expected OPD rows', () => {
  const app = useSiarInChromium({ adminPassword: ADMIN_PASSWORD, context: { viewport: { width: 1280, height: 900 } } });
  const artifactsDir = process.env.SIAR_E2E_ARTIFACTS_DIR ?? mkdtempSync(join(tmpdir(), 'siar-e2e-artifacts-'));

  it('publishes posts through the API, then the report page and its PDF show each OPD with its count', async () => {
    const { siar, context } = app;
    const { url } = siar;
    const api = new ApiClient(url);
    expect((await api.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    const accounts = (await api.get('/api/accounts')).body.items as { id: string; handle: string; platform: string }[];
    const dinkes = accounts.find((a) => a.handle === 'dinkes_kabtng');
    const tigaraksa = accounts.find((a) => a.handle === 'kec_tigaraksa');
    if (!dinkes || !tigaraksa) throw new Error('the demo X accounts are missing');

    // Two posts for Dinas Kesehatan, one for Kecamatan Tigaraksa, due a few seconds from now.
    const texts: [string, string][] = [
      [dinkes.id, `Jadwal imunisasi balita pekan ini (${Date.now()})`],
      [dinkes.id, `Cek kesehatan gratis di puskesmas (${Date.now()})`],
      [tigaraksa.id, `Pelayanan KTP keliling di kecamatan (${Date.now()})`],
    ];
    const ids: string[] = [];
    for (const [accountId, text] of texts) {
      const res = await api.post('/api/posts', { accountIds: [accountId], text, scheduledAt: new Date(Date.now() + 5_000).toISOString() });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push((res.body as TPostView).id);
    }
    const published = await Promise.all(ids.map((id) => waitPublished(api, id)));
    const month = utcToZonedWallTime(new Date(published[0]!.deliveries[0]!.publishedAt!)).date.slice(0, 7);

    // The same numbers the report will print, from the API.
    const overview = (
      await api.get(
        `/api/activity?${new URLSearchParams({ from: `${month}-01T00:00:00+07:00`, to: new Date(Date.now() + 60_000).toISOString() }).toString()}`,
      )
    ).body as { opds: { name: string; published: number }[] };
    const dinkesCount = overview.opds.find((o) => o.name === 'Dinas Kesehatan')!.published;
    const tigaraksaCount = overview.opds.find((o) => o.name === 'Kecamatan Tigaraksa')!.published;
    expect(dinkesCount).toBeGreaterThanOrEqual(2);
    expect(tigaraksaCount).toBeGreaterThanOrEqual(1);

    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/posts$/, { timeout: 15_000 });

    await page.goto(`${url}/activity/report?month=${month}`);
    await page.getByTestId('report-summary').waitFor({ timeout: 30_000 });
    await page.getByTestId('report-top-posts').waitFor({ timeout: 30_000 });
    const rowLocators = await page.getByTestId('report-opd-row').all();
    const rows = await Promise.all(rowLocators.map((row) => row.locator('td').allTextContents()));
    const rowOf = (name: string) => rows.find((r) => r[0] === name);
    expect(rowOf('Dinas Kesehatan')?.[2]).toBe(String(dinkesCount));
    expect(rowOf('Kecamatan Tigaraksa')?.[2]).toBe(String(tigaraksaCount));
    expect(rowOf('Diskominfo')).toBeDefined();

    const html = await page.content();
    expect(html).toContain('Pemerintah Kabupaten Tangerang — Dinas Komunikasi dan Informatika');
    expect(html).toContain('Jadwal imunisasi balita pekan ini');
    // The app's frame is not on the page: nothing but the report prints.
    expect(await page.getByTestId('nav-posts').count()).toBe(0);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(artifactsDir, 'activity-report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    // A4 is 595 × 842 points; one page per section (summary, top posts, inactive, failures).
    expect(text).toMatch(/\/MediaBox \[0 0 595(\.\d+)? 842(\.\d+)?\]/);
    const pages = text.match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pdf.length).toBeGreaterThan(10_000);
  }, 240_000);
});
