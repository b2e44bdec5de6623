import { mkdtempSync } from 'node:fs';
import sharp from 'sharp';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { useSiarInChromium } from '../support/e2e-browser';
import { describe, expect, it } from 'vitest';

const ADMIN_PASSWORD = 'E2e-Admin-Passphrase-2026';
const HANDLES = ['dinkes_kabtng', 'kec_tigaraksa'] as const;
const WIB_OFFSET_MS = 7 * 3600_000;

interface TEmulatorTweet {
  id: string;
  authorId: string;
  username: string;
  text: string;
  createdAt: string;
  media?: { id: string; type: string; bytes: number; altText?: string }[];
}

interface TDeliveryView {
  status: string | null;
  handle: string | null;
  href: string | null;
}

/** A WIB wall-clock minute at least `leadMs` ahead: now + lead, rounded up to the whole minute. */
function nextWibMinute(leadMs: number, now = Date.now()): { at: Date; date: string; time: string } {
  const at = new Date(Math.ceil((now + leadMs) / 60_000) * 60_000);
  const wall = new Date(at.getTime() + WIB_OFFSET_MS).toISOString();
  return { at, date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

async function readDeliveries(page: Page, postId: string): Promise<TDeliveryView[]> {
  return page.locator(`[data-testid="post-item"][data-post-id="${postId}"] [data-testid="delivery-item"]`).evaluateAll((items) =>
    items.map((item) => ({
      status: item.getAttribute('data-status'),
      handle: item.getAttribute('data-handle'),
      href: item.querySelector('[data-testid="delivery-link"]')?.getAttribute('href') ?? null,
    })),
  );
}

async function emulatorTweets(emulatorUrl: string): Promise<TEmulatorTweet[]> {
  const res = await fetch(`${emulatorUrl}/_emulator/tweets`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: TEmulatorTweet[] }).items;
}

describe('when an admin schedules a post with an image for two accounts in the browser, then each account publishes it exactly once, on time, with the image', () => {
  const app = useSiarInChromium({ adminPassword: ADMIN_PASSWORD, context: { viewport: { width: 1280, height: 900 } } });
  /** Screenshots outlive the data dir, which is removed at the end. */
  const artifactsDir = process.env.SIAR_E2E_ARTIFACTS_DIR ?? mkdtempSync(join(tmpdir(), 'siar-e2e-artifacts-'));

  it('logs in, schedules, and sees both deliveries published with links to the posts', async () => {
    const { siar, context } = app;
    const { url, emulatorUrl } = siar;
    const page = await context.newPage();
    try {
      // The launcher uses the emulator port it was given (links in the UI depend on it).
      expect(siar.logTail(200)).toContain(`X emulator at ${emulatorUrl}`);

      // Opening the app without a session leads to the login page.
      await page.goto(url);
      await page.waitForURL(/\/login$/, { timeout: 30_000 });

      // A wrong password: the error is shown in Indonesian, the default language.
      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('login-password').fill('definitely-not-the-password');
      await page.getByTestId('login-submit').click();
      const loginError = page.getByTestId('login-error');
      await loginError.waitFor({ timeout: 15_000 });
      expect(await loginError.textContent()).toContain('salah');
      expect(page.url()).toMatch(/\/login$/);
      await page.screenshot({ path: join(artifactsDir, '01-login-error.png'), fullPage: true });

      // The right password leads to the posts page.
      await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/posts$/, { timeout: 15_000 });

      // Compose: two accounts of two OPDs, a unique text, a WIB minute at least 20 s ahead.
      const text = `Uji E2E ${Date.now()}`;
      for (const handle of HANDLES) await page.getByTestId(`account-checkbox-${handle}`).check({ timeout: 15_000 });
      await page.getByTestId('post-text').fill(text);

      // An image with GPS in its EXIF: uploaded with a progress bar, previewed, described.
      const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 20, g: 110, b: 190 } } })
        .jpeg()
        .withExif({ IFD0: { Make: 'E2E', Model: 'Camera' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 10/1 0/1' } })
        .toBuffer();
      await page.locator('#post-media-input').setInputFiles({ name: 'posyandu.jpg', mimeType: 'image/jpeg', buffer: photo });
      const tile = page.getByTestId('media-item');
      await expect.poll(() => tile.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
      const altText = 'Petugas posyandu menimbang balita';
      await page.getByTestId('media-alt').fill(altText);
      await page.getByTestId('media-alt').blur();
      await page.getByText(/Teks alternatif disimpan/).waitFor({ timeout: 10_000 });
      // The preview shows the X look of each chosen account, with the text and the picture.
      const preview = page.getByTestId('post-preview');
      expect(await preview.getByTestId('preview-text').first().innerText()).toContain(text);
      expect(await preview.locator('img').count()).toBe(1);
      await page.screenshot({ path: join(artifactsDir, '02-composer.png'), fullPage: true });

      const slot = nextWibMinute(30_000);
      await page.getByTestId('post-date').fill(slot.date);
      await page.getByTestId('post-time').fill(slot.time);
      expect(await page.getByTestId('post-date').inputValue()).toBe(slot.date);
      expect(await page.getByTestId('post-time').inputValue()).toBe(slot.time);
      await page.getByTestId('post-schedule').click();
      await page.getByTestId('post-form-success').waitFor({ timeout: 15_000 });

      // The new card shows both deliveries as scheduled.
      const card = page.getByTestId('post-item').filter({ has: page.getByTestId('post-item-text').getByText(text, { exact: true }) });
      await card.waitFor({ timeout: 15_000 });
      expect(await card.count()).toBe(1);
      const postId = await card.getAttribute('data-post-id');
      if (!postId) throw new Error('the post card has no data-post-id');
      const scheduled = await readDeliveries(page, postId);
      expect(scheduled.map((d) => d.handle).sort()).toEqual([...HANDLES]);
      // The slot is ≥ 20 s ahead, so nothing may have been published yet.
      expect(Date.now()).toBeLessThan(slot.at.getTime());
      expect(scheduled.map((d) => d.status)).toEqual(['scheduled', 'scheduled']);

      // Without reloading, the page's polling shows both deliveries published, each with its link.
      await expect
        .poll(async () => (await readDeliveries(page, postId)).map((d) => d.status), { timeout: 150_000, interval: 1_000 })
        .toEqual(['published', 'published']);
      const published = await readDeliveries(page, postId);
      const tweetIdByHandle = new Map<string, string>();
      for (const delivery of published) {
        const handle = delivery.handle ?? '';
        const match = new RegExp(`^${emulatorUrl.replace(/[.]/g, '\\.')}/${handle}/status/(\\w+)$`).exec(delivery.href ?? '');
        expect(match, `link of @${handle}: ${delivery.href}`).not.toBeNull();
        tweetIdByHandle.set(handle, match?.[1] ?? '');
      }
      await expect.poll(() => card.getAttribute('data-status'), { timeout: 10_000 }).toBe('published');
      await page.screenshot({ path: join(artifactsDir, '03-published.png'), fullPage: true });

      // Following a link opens the post on the (emulated) platform, with the text.
      const firstHref = published[0]?.href;
      if (!firstHref) throw new Error('no delivery link');
      const tweetPage = await context.newPage();
      const response = await tweetPage.goto(firstHref);
      expect(response?.status()).toBe(200);
      expect(await tweetPage.locator('body').innerText()).toContain(text);
      await tweetPage.close();

      // The platform received the text exactly once per account, on or after the scheduled minute.
      // (A few seconds' settle first, so a racing second publish would have landed too.)
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const tweets = (await emulatorTweets(emulatorUrl)).filter((t) => t.text === text);
      expect(tweets.map((t) => t.username).sort()).toEqual([...HANDLES]);
      for (const tweet of tweets) {
        expect(tweet.id).toBe(tweetIdByHandle.get(tweet.username));
        const latenessMs = Date.parse(tweet.createdAt) - slot.at.getTime();
        console.log(
          `[e2e] @${tweet.username} published ${latenessMs} ms after the scheduled minute ${slot.at.toISOString()} (${slot.date} ${slot.time} WIB)`,
        );
        expect(latenessMs, 'never published before the scheduled time').toBeGreaterThanOrEqual(0);
        // The picture went along, once, described, re-encoded (never the raw upload with its GPS tags).
        expect(tweet.media?.map((m) => [m.type, m.altText])).toEqual([['image/jpeg', altText]]);
        expect(tweet.media?.[0]?.bytes).not.toBe(photo.length);
      }
      console.log(`[e2e] screenshots in ${artifactsDir}`);
    } catch (err) {
      await page.screenshot({ path: join(artifactsDir, 'failure.png'), fullPage: true }).catch(() => undefined);
      console.error(`[e2e] failed; screenshot at ${join(artifactsDir, 'failure.png')}; launcher log tail:\n${siar.logTail(80)}`);
      throw err;
    } finally {
      await page.close().catch(() => undefined);
    }
  }, 300_000);
});
