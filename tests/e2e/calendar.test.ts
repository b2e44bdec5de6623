import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { useSiarInChromium } from '../support/e2e-browser';
import { describe, expect, it } from 'vitest';
import { createPublishQueue, createRedis } from '@siar/shared/node';
import { ApiClient } from '../support/api-client';
import { privateRedisUrl } from '../support/e2e-launcher';

const ADMIN_PASSWORD = 'E2e-Admin-Passphrase-2026';
const HANDLE = 'dinkes_kabtng';
const WIB_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;
/** Far enough ahead for the drag to happen first; near enough to watch the old time pass. */
const LEAD_MS = 150_000;

interface TPostView {
  id: string;
  status: string;
  scheduledAt: string;
  revision: number;
  deliveries: { id: string; status: string }[];
}

const wibDate = (instant: string | number) => new Date(new Date(instant).getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);

/**
 * A drag FullCalendar believes: press on the event, then real mouse moves in several steps
 * to the middle of the target, then release. Both are scrolled into view first (the viewport is
 * a laptop's, the month is taller).
 */
async function dragTo(page: Page, from: Locator, to: Locator) {
  await to.scrollIntoViewIfNeeded();
  await from.scrollIntoViewIfNeeded();
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('the event or the target day is not on screen');
  const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const end = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(start.x + ((end.x - start.x) * i) / 12, start.y + ((end.y - start.y) * i) / 12);
    await page.waitForTimeout(30);
  }
  await page.mouse.up();
}

describe('when an admin drags a scheduled post to the next day in the calendar, then it moves exactly one day and is not published at the old time', () => {
  const app = useSiarInChromium({ adminPassword: ADMIN_PASSWORD, context: { viewport: { width: 1280, height: 720 } } });
  const artifactsDir = process.env.SIAR_E2E_ARTIFACTS_DIR ?? mkdtempSync(join(tmpdir(), 'siar-e2e-artifacts-'));

  it('drags in the month view; the post, its delivery and its queued job move one day; nothing reaches X at the old time', async () => {
    const { siar, context } = app;
    const { url, emulatorUrl } = siar;
    const redisUrl = privateRedisUrl(siar);
    if (!redisUrl) throw new Error(`the launcher did not say where its Redis is:\n${siar.logTail(40)}`);
    const redis = createRedis(redisUrl, 'producer');
    redis.on('error', () => undefined);
    const queue = createPublishQueue(redis, 'siar');
    const page = await context.newPage();
    try {
      // The post, made through the API as the composer would, for a demo X account.
      const api = new ApiClient(url);
      expect((await api.login('admin', ADMIN_PASSWORD)).status).toBe(200);
      const account = ((await api.get('/api/accounts')).body.items as { id: string; handle: string }[]).find((a) => a.handle === HANDLE);
      if (!account) throw new Error(`no demo account @${HANDLE}`);
      const text = `Uji kalender E2E ${Date.now()}`;
      const oldAt = new Date(Math.ceil((Date.now() + LEAD_MS) / 60_000) * 60_000).toISOString();
      const created = await api.post('/api/posts', { accountIds: [account.id], text, scheduledAt: oldAt });
      expect(created.status).toBe(201);
      const post = created.body as TPostView;
      const deliveryId = post.deliveries[0]!.id;
      // A few more posts in the days after, so the month has company (they are never due during the test).
      // X accounts (an Instagram post needs a picture), each text its own: X forbids the same text
      // from several accounts, and Siar may refuse it.
      const others = ((await api.get('/api/accounts')).body.items as { id: string; handle: string; platform: string }[]).filter(
        (a) => a.platform === 'x' && a.handle !== HANDLE,
      );
      const agenda = [
        'Posyandu balita di balai desa, bawa buku KIA.',
        'Pelayanan KTP elektronik keliling hari Sabtu.',
        'Kerja bakti membersihkan saluran air menjelang musim hujan.',
      ];
      for (const [i, other] of others.entries()) {
        const res = await api.post('/api/posts', {
          accountIds: [other.id],
          text: `${agenda[i % agenda.length]} (${Date.now()})`,
          scheduledAt: new Date(Date.parse(oldAt) + (i + 2) * DAY_MS + i * 3600_000).toISOString(),
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
      const oldJob = await queue.getJob(`publish-${deliveryId}-r1`);
      expect(Math.abs(oldJob!.timestamp + (oldJob!.opts.delay ?? 0) - Date.parse(oldAt))).toBeLessThan(1_000);

      // Log in through the page, as a person would.
      await page.goto(`${url}/login`);
      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/posts$/, { timeout: 15_000 });

      // The month of the post, on the WIB wall clock.
      const day = wibDate(oldAt);
      const nextDay = wibDate(Date.parse(oldAt) + DAY_MS);
      await page.goto(`${url}/calendar?view=month&date=${day.slice(0, 8)}01`);
      const event = page.locator(`.fc-event:has([data-testid="calendar-event"][data-post-id="${post.id}"])`);
      await event.waitFor({ timeout: 30_000 });
      expect(await page.locator(`.fc-daygrid-day[data-date="${day}"]`).locator(`[data-post-id="${post.id}"]`).count()).toBe(1);
      expect(await event.getAttribute('class')).toContain('fc-event-draggable');
      expect(Date.now(), 'the drag starts before the old time').toBeLessThan(Date.parse(oldAt) - 30_000);

      await dragTo(page, event, page.locator(`.fc-daygrid-day[data-date="${nextDay}"] .fc-daygrid-day-frame`));
      const notice = page.getByTestId('calendar-notice');
      await notice.waitFor({ timeout: 15_000 });
      expect(await notice.getAttribute('data-kind'), await notice.innerText()).toBe('success');
      await expect
        .poll(() => page.locator(`.fc-daygrid-day[data-date="${nextDay}"]`).locator(`[data-post-id="${post.id}"]`).count(), {
          timeout: 10_000,
        })
        .toBe(1);
      await page.screenshot({ path: join(artifactsDir, 'calendar-01-month-after-drag.png'), fullPage: true });

      // The server has the post exactly one day later, at the same time of day, revision 2.
      const moved = (await api.get(`/api/posts/${post.id}`)).body as TPostView;
      expect(Date.parse(moved.scheduledAt) - Date.parse(oldAt)).toBe(DAY_MS);
      expect(moved).toMatchObject({ status: 'scheduled', revision: 2, deliveries: [{ id: deliveryId, status: 'scheduled' }] });

      // The queue: the delivery's job for revision 2 waits for the new time; the revision-1 job
      // (still due at the old time) can no longer claim the delivery.
      const newJob = await queue.getJob(`publish-${deliveryId}-r2`);
      expect(await newJob?.getState()).toBe('delayed');
      expect(Math.abs(newJob!.timestamp + (newJob!.opts.delay ?? 0) - Date.parse(moved.scheduledAt))).toBeLessThan(1_000);

      // Past the old time (and a settle for a late worker), nothing reached X and the delivery still waits.
      const waitMs = Date.parse(oldAt) + 20_000 - Date.now();
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      const tweets = await fetch(`${emulatorUrl}/_emulator/tweets`).then((r) => r.json() as Promise<{ items: { text: string }[] }>);
      expect(tweets.items.filter((tweet) => tweet.text === text)).toEqual([]);
      const after = (await api.get(`/api/posts/${post.id}`)).body as TPostView;
      expect(after).toMatchObject({
        status: 'scheduled',
        revision: 2,
        scheduledAt: moved.scheduledAt,
        deliveries: [{ status: 'scheduled' }],
      });
      expect(await (await queue.getJob(`publish-${deliveryId}-r2`))?.getState()).toBe('delayed');

      // The month view, with the moved post among the demo's, for the record.
      await page.reload();
      await page.locator(`[data-testid="calendar-event"][data-post-id="${post.id}"]`).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(artifactsDir, 'calendar-02-month.png'), fullPage: true });
      console.log(
        `[e2e] calendar screenshots: ${join(artifactsDir, 'calendar-01-month-after-drag.png')}, ${join(artifactsDir, 'calendar-02-month.png')}`,
      );
    } catch (err) {
      await page.screenshot({ path: join(artifactsDir, 'calendar-failure.png'), fullPage: true }).catch(() => undefined);
      console.error(`[e2e] failed; screenshot at ${join(artifactsDir, 'calendar-failure.png')}; launcher log tail:\n${siar.logTail(80)}`);
      throw err;
    } finally {
      await page.close().catch(() => undefined);
      await queue.close().catch(() => undefined);
      redis.disconnect();
    }
  }, 360_000);
});
