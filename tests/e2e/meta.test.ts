import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { type Page } from 'playwright-core';
import { useSiarInChromium } from '../support/e2e-browser';
import { describe, expect, it } from 'vitest';
import type { TMetaEmulatorState } from '../emulators/meta/meta-emulator.client';

const ADMIN_PASSWORD = 'E2e-Meta-Passphrase-2026';
const WIB_OFFSET_MS = 7 * 3600_000;
/** The demo's Dinas Kesehatan accounts (server/src/seed/demo-seed.ts), one per platform. */
const ACCOUNTS = [
  { platform: 'x', handle: 'dinkes_kabtng' },
  { platform: 'facebook', handle: 'dinkes.kabupatentangerang' },
  { platform: 'instagram', handle: 'dinkes.kabtangerang' },
] as const;
const DEMO_PAGE_ID = '104000000000001';

function nextWibMinute(leadMs: number, now = Date.now()): { at: Date; date: string; time: string } {
  const at = new Date(Math.ceil((now + leadMs) / 60_000) * 60_000);
  const wall = new Date(at.getTime() + WIB_OFFSET_MS).toISOString();
  return { at, date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

async function readDeliveries(page: Page, postId: string) {
  return page.locator(`[data-testid="post-item"][data-post-id="${postId}"] [data-testid="delivery-item"]`).evaluateAll((items) =>
    items.map((item) => ({
      status: item.getAttribute('data-status'),
      handle: item.getAttribute('data-handle'),
      href: item.querySelector('[data-testid="delivery-link"]')?.getAttribute('href') ?? null,
    })),
  );
}

/** Signs the demo admin in, unless the browser context already is (each test may also run alone). */
async function logIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/posts`);
  // The app decides after asking who is signed in: the composer, or the login form.
  await page.getByTestId('login-username').or(page.getByTestId('post-text')).first().waitFor({ timeout: 30_000 });
  if (!(await page.getByTestId('login-username').isVisible())) return;
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/posts$/, { timeout: 15_000 });
}

describe('when the demo admin composes one post with an image for X, Facebook and Instagram in the browser, then each platform shows its own preview and all three publish', () => {
  const app = useSiarInChromium({ adminPassword: ADMIN_PASSWORD, context: { viewport: { width: 1280, height: 1000 } } });
  const artifactsDir = process.env.SIAR_E2E_ARTIFACTS_DIR ?? mkdtempSync(join(tmpdir(), 'siar-e2e-artifacts-'));

  it('previews the post per platform, schedules it, and sees the X, Facebook and Instagram deliveries published with links', async () => {
    const { siar, context } = app;
    const { url, emulatorUrl } = siar;
    const metaUrl = /demo mode: Meta emulator at (http:\/\/127\.0\.0\.1:\d+)/.exec(siar.logTail(400))?.[1];
    if (!metaUrl) throw new Error(`the launcher did not start the Meta emulator:\n${siar.logTail(80)}`);
    const page = await context.newPage();
    try {
      await logIn(page, url);

      const text = `Posyandu serentak Sabtu ini di seluruh kecamatan #TangerangSehat ${Date.now()}`;
      for (const a of ACCOUNTS) await page.getByTestId(`account-checkbox-${a.handle}`).check({ timeout: 15_000 });
      await page.getByTestId('post-text').fill(text);
      // Instagram has no text-only posts: the composer says so until an image is there.
      await expect
        .poll(() => page.getByTestId('media-problems').innerText(), { timeout: 10_000 })
        .toContain('Instagram memerlukan setidaknya satu gambar atau video');

      const photo = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: { r: 230, g: 120, b: 40 } } })
        .jpeg()
        .toBuffer();
      await page.locator('#post-media-input').setInputFiles({ name: 'posyandu.jpg', mimeType: 'image/jpeg', buffer: photo });
      await expect.poll(() => page.getByTestId('media-item').getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
      const altText = 'Kader posyandu menimbang balita';
      await page.getByTestId('media-alt').fill(altText);
      await page.getByTestId('media-alt').blur();
      await page.getByText(/Teks alternatif disimpan/).waitFor({ timeout: 10_000 });
      await expect.poll(() => page.getByTestId('media-problems').count(), { timeout: 10_000 }).toBe(0);

      // Each account's tab shows its platform's own look.
      const preview = page.getByTestId('post-preview');
      for (const [i, a] of ACCOUNTS.entries()) {
        await preview.getByTestId(`preview-tab-${a.handle}`).click();
        const card = preview.getByTestId(`preview-${a.platform}`);
        await card.waitFor({ timeout: 10_000 });
        expect(await card.getByTestId('preview-text').innerText()).toContain('Posyandu serentak');
        expect(await card.locator('img').count()).toBe(1);
        if (a.platform === 'facebook')
          expect(await card.getByTestId('preview-page-name').innerText()).toBe('Dinas Kesehatan Kabupaten Tangerang');
        // Instagram: the square picture first, the caption (after the account's name) under it.
        if (a.platform === 'instagram') {
          const [imageBox, captionBox] = await Promise.all([
            card.locator('img').boundingBox(),
            card.getByTestId('preview-text').boundingBox(),
          ]);
          expect(Math.abs(imageBox!.width - imageBox!.height)).toBeLessThan(2);
          expect(captionBox!.y).toBeGreaterThan(imageBox!.y + imageBox!.height - 1);
          expect(await card.getByTestId('preview-text').innerText()).toMatch(/^dinkes\.kabtangerang Posyandu/);
        }
        await page.screenshot({ path: join(artifactsDir, `meta-0${i + 1}-composer-${a.platform}.png`), fullPage: true });
      }

      const slot = nextWibMinute(30_000);
      await page.getByTestId('post-date').fill(slot.date);
      await page.getByTestId('post-time').fill(slot.time);
      await page.getByTestId('post-schedule').click();
      await page.getByTestId('post-form-success').waitFor({ timeout: 15_000 });
      const card = page.getByTestId('post-item').filter({ has: page.getByTestId('post-item-text').getByText(text, { exact: true }) });
      await card.waitFor({ timeout: 15_000 });
      const postId = await card.getAttribute('data-post-id');
      if (!postId) throw new Error('the post card has no data-post-id');
      expect((await readDeliveries(page, postId)).map((d) => d.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);

      await expect
        .poll(async () => (await readDeliveries(page, postId)).map((d) => d.status), { timeout: 150_000, interval: 1_000 })
        .toEqual(['published', 'published', 'published']);
      const links = new Map((await readDeliveries(page, postId)).map((d) => [d.handle, d.href]));
      expect(links.get('dinkes_kabtng')).toMatch(new RegExp(`^${emulatorUrl.replace(/\./g, '\\.')}/dinkes_kabtng/status/\\w+$`));
      expect(links.get('dinkes.kabupatentangerang')).toMatch(new RegExp(`^${metaUrl.replace(/\./g, '\\.')}/${DEMO_PAGE_ID}/posts/\\d+$`));
      expect(links.get('dinkes.kabtangerang')).toMatch(new RegExp(`^${metaUrl.replace(/\./g, '\\.')}/p/[\\w-]+/$`));
      await page.screenshot({ path: join(artifactsDir, 'meta-04-published.png'), fullPage: true });

      // The links open the posts on the (emulated) platforms.
      for (const handle of ['dinkes.kabupatentangerang', 'dinkes.kabtangerang']) {
        const tab = await context.newPage();
        const response = await tab.goto(links.get(handle)!);
        expect(response?.status()).toBe(200);
        expect(await tab.locator('body').innerText()).toContain('Posyandu serentak');
        await tab.close();
      }

      // Meta fetched the picture itself from Siar's signed link, once per platform; each got it with its alt text.
      const state = (await (await fetch(`${metaUrl}/_emulator/state`)).json()) as TMetaEmulatorState;
      const fbPost = state.posts.find((p) => p.message === text)!;
      expect(fbPost.photoIds).toHaveLength(1);
      expect(state.photos.find((p) => p.id === fbPost.photoIds[0])).toMatchObject({ mime: 'image/jpeg', altText, attachedTo: fbPost.id });
      const igPost = state.igMedia.find((m) => m.caption === text)!;
      expect(igPost).toMatchObject({ mediaType: 'IMAGE', items: [expect.objectContaining({ mime: 'image/jpeg', altText })] });
      expect(state.fetches.filter((f) => f.ok && f.url.startsWith(`${url}/media/signed/`))).toHaveLength(2);
      console.log(`[e2e] screenshots in ${artifactsDir}`);
    } catch (err) {
      await page.screenshot({ path: join(artifactsDir, 'meta-failure.png'), fullPage: true }).catch(() => undefined);
      console.error(`[e2e] failed; screenshot at ${join(artifactsDir, 'meta-failure.png')}; launcher log tail:\n${siar.logTail(80)}`);
      throw err;
    } finally {
      await page.close().catch(() => undefined);
    }
  }, 300_000);

  it('connects the spare Page and its Instagram account through Facebook Login, choosing them and their OPD in Siar', async () => {
    const { siar, context } = app;
    const page = await context.newPage();
    try {
      await logIn(page, siar.url);
      await page.goto(`${siar.url}/accounts`);
      await page.getByTestId('accounts-connect-facebook').click();
      await page.getByTestId('connect-opd-select').click();
      await page.getByRole('option', { name: 'Kecamatan Tigaraksa' }).click();
      await page.getByTestId('connect-submit').click();
      // Facebook Login's dialog (the emulator's), then back to Siar's choice.
      await page.getByTestId('meta-authorize-approve').click({ timeout: 15_000 });
      // Facebook appends `#_=_` to its redirect; the browser keeps it through Siar's.
      await page.waitForURL(/\/accounts\?connect=[0-9a-f-]{36}&grant=meta(#_=_)?$/, { timeout: 15_000 });
      const choices = page.getByTestId('connect-choice');
      await choices.first().waitFor({ timeout: 15_000 });
      expect(
        await choices.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-platform')}:${r.getAttribute('data-handle')}`)),
      ).toEqual([
        'facebook:dinkes.kabupatentangerang',
        'instagram:dinkes.kabtangerang',
        'facebook:pemkab.tangerang',
        'instagram:pemkabtangerang.official',
        'facebook:kec.curug',
        'instagram:kec.curug',
      ]);
      await page.getByTestId('connect-choice-facebook-kec.curug').check();
      await page.getByTestId('connect-choice-instagram-kec.curug').check();
      expect(await page.getByTestId('connect-choice-opd-instagram-kec.curug').inputValue()).toBe('Kecamatan Tigaraksa');
      await page.screenshot({ path: join(artifactsDir, 'meta-05-connect-choice.png'), fullPage: true });
      await page.getByTestId('connect-choices-submit').click();
      expect(await page.getByTestId('connect-choices-added').innerText({ timeout: 15_000 })).toContain('2 akun berhasil ditambahkan');
      expect(page.url()).toBe(`${siar.url}/accounts`);
      await page.getByRole('dialog').waitFor({ state: 'hidden', timeout: 10_000 });
      const tigaraksa = page.getByTestId('account-group').filter({ hasText: 'Kecamatan Tigaraksa' });
      await expect
        .poll(() => tigaraksa.locator('[data-testid="account-row"][data-handle="kec.curug"]').count(), { timeout: 10_000 })
        .toBe(2);
      await page.screenshot({ path: join(artifactsDir, 'meta-06-accounts.png'), fullPage: true });
    } catch (err) {
      await page.screenshot({ path: join(artifactsDir, 'meta-failure-connect.png'), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await page.close().catch(() => undefined);
    }
  }, 120_000);
});
