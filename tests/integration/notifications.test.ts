import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainAuditOutbox, createLogger } from '@siar/shared/node';
import { ApiClient } from '../support/api-client';
import { startSmtpSink, type TSmtpSink } from '../support/smtp-sink';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';
import { notificationEmail } from '../../server/src/components/notifications/notification-email';
import { createNotificationMailer } from '../../server/src/components/notifications/notification-mailer';
import { claimDelivery, markAccountNeedsReconnect, markEnded } from '../../worker/src/libraries/deliveries.repository';

/**
 * In-app notifications (issue #5): each kind reaches the people it is for and nobody else, the
 * bell's unread count and mark-read, and e-mail through a real SMTP conversation.
 */

const PASSWORD = 'Test-Password-123';
const silent = createLogger({ name: 'test-mailer', level: 'silent' });

let t: TTestDatabase;
let app: TTestApp;
let sink: TSmtpSink;
let dinkes: Awaited<ReturnType<typeof buildOpd>>;
let camat: Awaited<ReturnType<typeof buildOpd>>;
let dinkesX: Awaited<ReturnType<typeof buildAccount>>;
let camatX: Awaited<ReturnType<typeof buildAccount>>;
const users: Record<string, Awaited<ReturnType<typeof buildUser>>> = {};
const clients: Record<string, ApiClient> = {};

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/** Who received notifications of a kind about a post or account, by username. */
async function recipients(kind: string, about: { postId?: string; accountId?: string }): Promise<string[]> {
  let query = t.db
    .selectFrom('notification')
    .innerJoin('user', 'user.id', 'notification.user_id')
    .select('user.username')
    .where('notification.kind', '=', kind);
  if (about.postId) query = query.where('notification.post_id', '=', about.postId);
  if (about.accountId) query = query.where('notification.account_id', '=', about.accountId);
  return (await query.execute()).map((r) => r.username).sort();
}

/** Quoted-printable soft breaks and escapes undone, so assertions read the text as sent. */
function decoded(data: string): string {
  return data.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function submit(text: string): Promise<{ id: string; revision: number; deliveries: { id: string }[] }> {
  const res = await clients.op!.post('/api/posts', { accountIds: [dinkesX.id], text, scheduledAt: inHours(2) });
  expect(res.body.status).toBe('pending_approval');
  return res.body;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  // The server reads these at start, exactly as in a deployment.
  process.env.SMTP_URL = sink.url;
  process.env.SMTP_FROM = 'Siar Kabupaten Tangerang <siar@tangerangkab.test>';
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-notifications' });
  dinkes = await buildOpd(t.db, { name: 'Dinas Kesehatan', requires_approval: 1 });
  camat = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa' });
  dinkesX = await buildAccount(t.db, t.ring, { opdId: dinkes.id, handle: 'dinkes' });
  camatX = await buildAccount(t.db, t.ring, { opdId: camat.id, handle: 'camat' });
  users.op = await buildUser(t.db, { username: 'op', opdIds: [dinkes.id] });
  users.op2 = await buildUser(t.db, { username: 'op2', opdIds: [dinkes.id] });
  users.camatop = await buildUser(t.db, { username: 'camatop', opdIds: [camat.id] });
  users.sup = await buildUser(t.db, { username: 'sup', role: 'supervisor' });
  users.sup2 = await buildUser(t.db, { username: 'sup2', role: 'supervisor', locale: 'en' });
  users.boss = await buildUser(t.db, { username: 'boss', role: 'admin' });
  users.gone = await buildUser(t.db, { username: 'gone', role: 'supervisor', disabled: 1 });
  for (const name of ['op', 'op2', 'camatop', 'sup', 'sup2', 'boss']) {
    clients[name] = new ApiClient(app.url);
    expect((await clients[name]!.login(name, PASSWORD)).status).toBe(200);
  }
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
  await app?.close();
  await t?.close();
  await sink?.close();
});

describe('who is told what', () => {
  it('when an operator submits a post, then every active supervisor and admin is told, and no operator', async () => {
    const post = await submit('Jadwal vaksinasi polio');
    expect(await recipients('approval_requested', { postId: post.id })).toEqual(['boss', 'sup', 'sup2']);
    // Editing it while it waits does not tell them again.
    await clients.op!.request('PATCH', `/api/posts/${post.id}`, { text: 'Jadwal vaksinasi polio (revisi)' });
    expect(await recipients('approval_requested', { postId: post.id })).toEqual(['boss', 'sup', 'sup2']);
  });

  it('when a supervisor approves or rejects, then only the author is told, with the reviewer and the comment', async () => {
    const approved = await submit('Disetujui nanti');
    await clients.sup!.post(`/api/posts/${approved.id}/approve`, { revision: approved.revision });
    expect(await recipients('post_approved', { postId: approved.id })).toEqual(['op']);
    const rejected = await submit('Ditolak nanti');
    await clients.sup2!.post(`/api/posts/${rejected.id}/reject`, { revision: rejected.revision, comment: 'Tambahkan sumber' });
    expect(await recipients('post_rejected', { postId: rejected.id })).toEqual(['op']);
    const list = await clients.op!.get('/api/notifications');
    const rejection = list.body.items.find((n: { kind: string; postId: string }) => n.kind === 'post_rejected' && n.postId === rejected.id);
    expect(rejection).toMatchObject({
      readAt: null,
      link: '/posts',
      params: { comment: 'Tambahkan sumber', reviewer: expect.any(String) },
    });
  });

  it("when a supervisor's own post is self-approved, then nobody is asked to approve it", async () => {
    const res = await clients.sup!.post('/api/posts', { accountIds: [dinkesX.id], text: 'Langsung terjadwal', scheduledAt: inHours(2) });
    expect(res.body.status).toBe('scheduled');
    expect(await t.db.selectFrom('notification').select('id').where('post_id', '=', res.body.id).execute()).toEqual([]);
  });

  it("when the worker ends a delivery failed or unconfirmed, then the account's OPD's operators are told, nobody else", async () => {
    for (const [status, kind] of [
      ['failed', 'delivery_failed'],
      ['unconfirmed', 'delivery_unconfirmed'],
    ] as const) {
      const res = await clients.camatop!.post('/api/posts', {
        accountIds: [camatX.id],
        text: `Kiriman ${status}`,
        scheduledAt: inHours(1),
      });
      const deliveryId = res.body.deliveries[0].id as string;
      const leaseId = randomUUID();
      expect(await claimDelivery(t.db, { deliveryId, revision: 1, leaseId, now: new Date() })).toBe(true);
      await markEnded(t.db, {
        deliveryId,
        leaseId,
        status,
        error: { kind: status === 'failed' ? 'content_rejected' : 'ambiguous', message: 'duplicate content' },
      });
      expect(await recipients(kind, { postId: res.body.id })).toEqual(['camatop']);
      // The outcome's event waits in the outbox until chained (the worker does it each second).
      expect(await chainAuditOutbox(t.db)).toBe(1);
      const events = await t.db.selectFrom('audit_event').select('action').where('entity_id', '=', res.body.id).orderBy('seq').execute();
      expect(events.map((e) => e.action)).toEqual(['post.created', `post.${status}`]);
      // A worker that lost its lease records nothing.
      await markEnded(t.db, { deliveryId, leaseId: randomUUID(), status, error: { kind: 'transient', message: '' } });
      expect(await recipients(kind, { postId: res.body.id })).toEqual(['camatop']);
    }
  });

  it("when an account must be reconnected, then its OPD's operators and the admins are told, once", async () => {
    await markAccountNeedsReconnect(t.db, dinkesX.id);
    await markAccountNeedsReconnect(t.db, dinkesX.id);
    expect(await recipients('account_needs_reconnect', { accountId: dinkesX.id })).toEqual(['boss', 'op', 'op2']);
    const note = (await clients.op2!.get('/api/notifications')).body.items.find(
      (n: { kind: string }) => n.kind === 'account_needs_reconnect',
    );
    expect(note).toMatchObject({ link: '/accounts', params: { handle: 'dinkes', platform: 'x' } });
    await t.db.updateTable('social_account').set({ status: 'active' }).where('id', '=', dinkesX.id).execute();
  });

  it("lists only one's own notifications, whatever the role", async () => {
    const mine = await clients.camatop!.get('/api/notifications?limit=100');
    const own = await t.db.selectFrom('notification').select('id').where('user_id', '=', users.camatop!.id).execute();
    expect(mine.body.items.map((n: { id: string }) => n.id).sort()).toEqual(own.map((n) => n.id).sort());
    expect(mine.body.items.every((n: { kind: string }) => n.kind.startsWith('delivery_'))).toBe(true);
  });
});

describe('the bell: unread count and mark-read', () => {
  it('counts unread, marks some or all read, and ignores ids of other people', async () => {
    const sup = clients.sup!;
    const first = await sup.get('/api/notifications?unread=1&limit=1');
    expect(first.status).toBe(200);
    const total = first.body.unreadCount as number;
    expect(total).toBeGreaterThanOrEqual(2);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await sup.get(`/api/notifications?unread=1&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);

    const someoneElses = await t.db
      .selectFrom('notification')
      .select('id')
      .where('user_id', '=', users.boss!.id)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    const read = await sup.post('/api/notifications/read', { ids: [first.body.items[0].id, someoneElses.id] });
    expect(read.body).toEqual({ unreadCount: total - 1 });
    expect(
      (await t.db.selectFrom('notification').select('read_at').where('id', '=', someoneElses.id).executeTakeFirstOrThrow()).read_at,
    ).toBeNull();
    const listed = await sup.get('/api/notifications?unread=1&limit=100');
    expect(listed.body.items.map((n: { id: string }) => n.id)).not.toContain(first.body.items[0].id);

    for (const body of [{}, { ids: [] }, { all: false }, { ids: 'x' }])
      expect((await sup.post('/api/notifications/read', body)).status).toBe(400);
    expect((await sup.post('/api/notifications/read', { all: true })).body).toEqual({ unreadCount: 0 });
    expect((await sup.get('/api/notifications?unread=1')).body).toMatchObject({ items: [], unreadCount: 0 });
    expect((await clients.boss!.get('/api/notifications?unread=1')).body.unreadCount).toBeGreaterThan(0);
  });
});

describe('e-mail', () => {
  it('when someone sets an address, then their notifications are also e-mailed in their language, with the time in WIB', async () => {
    const bad = await clients.sup!.request('PUT', '/api/notifications/settings', { email: 'bukan-email' });
    expect(bad.status).toBe(400);
    const set = await clients.sup!.request('PUT', '/api/notifications/settings', { email: 'supervisor@tangerangkab.test' });
    expect(set.body).toEqual({ email: 'supervisor@tangerangkab.test', emailEnabled: true });
    await clients.sup2!.request('PUT', '/api/notifications/settings', { email: 'sup2@tangerangkab.test' });
    await clients.op!.request('PUT', '/api/notifications/settings', { email: 'operator@tangerangkab.test' });
    expect((await clients.boss!.get('/api/notifications/settings')).body).toEqual({ email: null, emailEnabled: true });

    const post = await submit('Penyuluhan demam berdarah');
    await expect.poll(() => sink.mails.length, { timeout: 10_000 }).toBe(2);
    const byRecipient = Object.fromEntries(sink.mails.map((m) => [m.to[0], decoded(m.data)]));
    expect(Object.keys(byRecipient).sort()).toEqual(['sup2@tangerangkab.test', 'supervisor@tangerangkab.test']);
    const id = byRecipient['supervisor@tangerangkab.test']!;
    expect(id).toMatch(/^Subject: \[Siar\] Postingan Dinas Kesehatan menunggu persetujuan/m);
    expect(id).toContain('"Penyuluhan demam berdarah"');
    expect(id).toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d WIB/);
    expect(id).toMatch(/^From: Siar Kabupaten Tangerang <siar@tangerangkab\.test>/m);
    expect(byRecipient['sup2@tangerangkab.test']).toMatch(/^Subject: \[Siar\] A post of Dinas Kesehatan awaits approval/m);
    // The mail reaches the sink a moment before the mailer records it as sent.
    const states = async () => (await t.db.selectFrom('notification').select('email_state').where('post_id', '=', post.id).execute()).map((s) => s.email_state).sort();
    await expect.poll(states, { timeout: 10_000 }).toEqual(['none', 'sent', 'sent']);

    await clients.sup!.post(`/api/posts/${post.id}/reject`, { revision: post.revision, comment: 'Cantumkan jadwal puskesmas' });
    await expect.poll(() => sink.mails.length, { timeout: 10_000 }).toBe(3);
    const rejection = decoded(sink.mails[2]!.data);
    expect(sink.mails[2]!.to).toEqual(['operator@tangerangkab.test']);
    expect(rejection).toContain('Cantumkan jadwal puskesmas');
  });

  it("when the worker writes a notification, then the server's outbox e-mails it, once, even with two servers draining", async () => {
    const before = sink.mails.length;
    await markAccountNeedsReconnect(t.db, dinkesX.id);
    const servers = [
      createNotificationMailer({ db: t.db, logger: silent, smtpUrl: sink.url, from: 'siar@tangerangkab.test' }),
      createNotificationMailer({ db: t.db, logger: silent, smtpUrl: sink.url, from: 'siar@tangerangkab.test' }),
    ];
    const sent = await Promise.all(servers.map((m) => m.drain()));
    // The app's own outbox timer may have taken it first: either way it went out exactly once.
    await expect.poll(() => sink.mails.length, { timeout: 10_000 }).toBe(before + 1);
    expect(sent[0]! + sent[1]!).toBeLessThanOrEqual(1);
    expect(sink.mails[before]!.to).toEqual(['operator@tangerangkab.test']);
    expect(decoded(sink.mails[before]!.data)).toMatch(/^Subject: \[Siar\] Akun @dinkes perlu dihubungkan ulang/m);
    expect(await servers[0]!.drain()).toBe(0);
    expect(sink.mails.length).toBe(before + 1);
    await t.db.updateTable('social_account').set({ status: 'active' }).where('id', '=', dinkesX.id).execute();
  });

  it('when Siar knows its public address, then the e-mail links to the page to act on', () => {
    const mail = notificationEmail({
      kind: 'account_needs_reconnect',
      params: JSON.stringify({ handle: 'dinkes', platform: 'x' }),
      locale: 'id',
      timezone: 'Asia/Jakarta',
      publicBaseUrl: 'https://siar.tangerangkab.test/',
    });
    expect(mail.subject).toBe('[Siar] Akun @dinkes perlu dihubungkan ulang');
    expect(mail.text).toContain('\n\nhttps://siar.tangerangkab.test/accounts\n');
  });

  it('when the SMTP server is down, then the action still succeeds and the e-mail is marked failed', async () => {
    await sink.close();
    const post = await submit('SMTP sedang mati');
    expect(post.id).toEqual(expect.any(String));
    await expect
      .poll(
        async () =>
          (
            await t.db
              .selectFrom('notification')
              .select('email_state')
              .where('post_id', '=', post.id)
              .where('email_state', '!=', 'none')
              .execute()
          )
            .map((r) => r.email_state)
            .sort(),
        { timeout: 10_000 },
      )
      .toEqual(['failed', 'failed']);
    expect((await clients.sup!.get('/api/notifications?unread=1')).body.items.some((n: { postId: string }) => n.postId === post.id)).toBe(
      true,
    );
  });

  it('when no SMTP server is configured, then e-mail is off and nothing is sent', async () => {
    const off = createNotificationMailer({ db: t.db, logger: silent });
    expect(off.enabled).toBe(false);
    expect(await off.drain()).toBe(0);
  });
});
