import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, chainAuditOutbox, createPlatformRegistry, newKeyLine, queueAuditEvent, verifyAuditChain } from '@siar/shared/node';
import { consent } from '../emulators/x/x-emulator.client';
import { startXEmulator, type TXEmulator } from '../emulators/x/x-emulator';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

const root = new URL('../..', import.meta.url).pathname;
let t: TTestDatabase;
let app: TTestApp;
let emulator: TXEmulator;
let dinkes: Awaited<ReturnType<typeof buildOpd>>;
let admin: Awaited<ReturnType<typeof buildUser>>;
let operatorUser: Awaited<ReturnType<typeof buildUser>>;
/** Every secret the scenario handles: none may reach the audit log. */
const secrets: string[] = [];

const cliEnv = () => ({
  ...process.env,
  DATABASE_URL: t.url,
  DATA_DIR: t.dir,
  SIAR_ENCRYPTION_KEY: '',
  SIAR_KEY_FILE: join(t.dir, 'siar.key'),
});
function verifyCli() {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/audit-verify.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: cliEnv(),
  });
  return { code: r.status, out: r.stdout + r.stderr };
}
const eventsOf = (action: string) => t.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('seq').execute();
const countEvents = async () =>
  Number(
    (
      await t.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function signedIn(username: string, password = 'Test-Password-123') {
  const c = new ApiClient(app.url);
  expect((await c.login(username, password)).status).toBe(200);
  return c;
}

/** Starts a connect as an operator, consents at the emulator, and follows X back to Siar. */
async function connectX(c: ApiClient) {
  const start = await c.post('/api/accounts/connect/x', { opdId: dinkes.id });
  expect(start.status).toBe(200);
  const back = await consent(start.body.authorizeUrl, { decision: 'approve', userId: '901' });
  const callback = new URL(back.location!);
  const res = await c.request('GET', callback.pathname + callback.search, undefined, { redirect: 'manual' });
  expect(res.status).toBe(302);
}

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  emulator = await startXEmulator();
  const x = {
    apiBaseUrl: emulator.url,
    webBaseUrl: 'https://x.com',
    requestTimeoutMs: 5000,
    postsPer15MinPerUser: 100,
    appPostsPer24h: 10_000,
    authorizeBaseUrl: emulator.url,
    clientId: 'siar-audit',
  };
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-audit', adapters: createPlatformRegistry({ x }) });
  await fetch(`${emulator.url}/_emulator/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: 'siar-audit', redirectUris: [`${app.url}/api/oauth/x/callback`] }),
  });
  await fetch(`${emulator.url}/_emulator/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: '901', username: 'dinkes_audit', name: 'Dinkes', accessToken: 'unused-static-token' }),
  });
  dinkes = await buildOpd(t.db, { name: 'Dinas Kesehatan', code: 'DINKES' });
  admin = await buildUser(t.db, { username: 'admin', role: 'admin' });
  operatorUser = await buildUser(t.db, { username: 'op', role: 'operator', opdIds: [dinkes.id] });
  await buildUser(t.db, { username: 'pengawas', role: 'supervisor' });
  writeFileSync(join(t.dir, 'siar.key'), `${newKeyLine('k1')}\n`, { mode: 0o600 });
});
afterAll(async () => {
  await app.close();
  await emulator.close();
  await t.close();
});

describe('audit events', () => {
  it('when people sign in, fail, manage OPDs and users, reset and change passwords, then each action is one event with its actor', async () => {
    const adminClient = await signedIn('admin');
    const wrong = 'Not-The-Password-99';
    secrets.push(wrong, 'Test-Password-123');
    expect((await new ApiClient(app.url).login('admin', wrong)).status).toBe(401);

    const opd = await adminClient.post('/api/admin/opds', {
      name: 'Kecamatan Tigaraksa',
      code: 'tigaraksa',
      requiresApproval: false,
      weeklyTarget: 5,
    });
    expect(opd.status).toBe(201);
    expect((await adminClient.request('PATCH', `/api/admin/opds/${opd.body.id}`, { weeklyTarget: 7 })).status).toBe(200);

    const initial = 'Kopi-Tubruk-Pagi-17';
    secrets.push(initial);
    const budi = await adminClient.post('/api/admin/users', {
      username: 'budi',
      name: 'Budi',
      password: initial,
      role: 'operator',
      opdIds: [opd.body.id],
    });
    expect(budi.status).toBe(201);
    const id = budi.body.id as string;
    expect(
      (await adminClient.request('PATCH', `/api/admin/users/${id}`, { name: 'Budi Santoso', opdIds: [opd.body.id, dinkes.id] })).status,
    ).toBe(200);
    expect((await adminClient.request('PATCH', `/api/admin/users/${id}`, { role: 'supervisor' })).status).toBe(200);
    expect((await adminClient.post(`/api/admin/users/${id}/deactivate`)).status).toBe(200);
    expect((await adminClient.post(`/api/admin/users/${id}/reactivate`)).status).toBe(200);
    const link = await adminClient.post(`/api/admin/users/${id}/reset-link`);
    expect(link.status).toBe(201);
    const token = new URL(link.body.url).searchParams.get('token')!;
    secrets.push(token);
    const reset = 'Sepeda-Ontel-Merah-42';
    secrets.push(reset);
    expect((await new ApiClient(app.url).request('GET', '/api/auth/me')).status).toBe(401);
    const anonymous = new ApiClient(app.url);
    await anonymous.get('/api/auth/me');
    expect((await anonymous.post('/api/auth/reset-password', { token, newPassword: reset })).status).toBe(204);
    const budiClient = await signedIn('budi', reset);
    const changed = 'Nasi-Uduk-Betawi-2026';
    secrets.push(changed);
    expect((await budiClient.post('/api/auth/password', { currentPassword: reset, newPassword: changed })).status).toBe(204);
    expect((await budiClient.post('/api/auth/logout')).status).toBe(204);

    const expectations: [string, string | null, string][] = [
      ['auth.login', admin.id, admin.id],
      ['auth.login_failed', null, admin.id],
      ['opd.created', admin.id, opd.body.id],
      ['opd.updated', admin.id, opd.body.id],
      ['user.created', admin.id, id],
      ['user.updated', admin.id, id],
      ['user.memberships_changed', admin.id, id],
      ['user.role_changed', admin.id, id],
      ['user.deactivated', admin.id, id],
      ['user.reactivated', admin.id, id],
      ['user.reset_link_created', admin.id, id],
      ['auth.password_reset', id, id],
      ['auth.password_changed', id, id],
      ['auth.logout', id, id],
    ];
    for (const [action, actor, entityId] of expectations) {
      const events = await eventsOf(action);
      expect(
        events.some((e) => e.actor_id === actor && e.entity_id === entityId),
        action,
      ).toBe(true);
    }
    const failed = (await eventsOf('auth.login_failed'))[0]!;
    expect(JSON.parse(failed.details)).toMatchObject({ username: 'admin', ip: expect.any(String), reason: 'wrong_password' });
    // One membership event per OPD joined or left, on that OPD, so the log reads per OPD.
    const memberships = (await eventsOf('user.memberships_changed')).map((e) => ({ opd: e.opd_id, change: JSON.parse(e.details).change }));
    expect(memberships).toEqual([
      { opd: dinkes.id, change: 'added' },
      { opd: dinkes.id, change: 'removed' },
      { opd: opd.body.id, change: 'removed' },
    ]);
    expect(JSON.parse((await eventsOf('opd.updated'))[0]!.details).changes).toEqual({ weekly_target: { from: 5, to: 7 } });
  });

  it('when an account is connected, reconnected and disconnected, then each is an event on its OPD', async () => {
    const c = await signedIn('op');
    await connectX(c);
    await connectX(c);
    const account = await t.db.selectFrom('social_account').select('id').where('external_id', '=', '901').executeTakeFirstOrThrow();
    expect((await c.request('DELETE', `/api/accounts/${account.id}`)).status).toBe(204);
    for (const action of ['account.connected', 'account.reconnected', 'account.disconnected']) {
      expect(await eventsOf(action), action).toEqual([
        expect.objectContaining({ actor_id: operatorUser.id, entity: 'social_account', entity_id: account.id, opd_id: dinkes.id }),
      ]);
    }
  });

  it('when the encryption key is rotated, then one event names the key ids and nothing of the keys', async () => {
    await buildAccount(t.db, t.ring, { opdId: dinkes.id });
    const next = newKeyLine('k2');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/rotate-key.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...cliEnv(), SIAR_ENCRYPTION_KEY: `${next},${t.keyText}` },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const events = await eventsOf('key.rotated');
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.details)).toEqual({
      source: 'env',
      keyId: 'k2',
      previousKeyIds: ['ktest'],
      reencrypted: expect.any(Number),
      remaining: 0,
    });
    expect(events[0]!.actor_id).toBeNull();
    secrets.push(next.split(':')[1]!, t.keyText.split(':')[1]!);
  });

  it('when the log is read back, then no password, token or key appears in any event', async () => {
    const all = JSON.stringify(await t.db.selectFrom('audit_event').selectAll().execute());
    for (const secret of secrets) expect(all).not.toContain(secret);
  });

  it('when a transaction that recorded an event rolls back, then the event is gone with the change', async () => {
    const before = await countEvents();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.updateTable('opd').set({ weekly_target: 99 }).where('id', '=', dinkes.id).execute();
        await appendAuditEvent(trx, { actorId: admin.id, action: 'opd.updated', entity: 'opd', entityId: dinkes.id, opdId: dinkes.id });
        throw new Error('the change fails after its event was written');
      }),
    ).rejects.toThrow();
    expect(await countEvents()).toBe(before);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('when a publish outcome is queued, then the audit page chains it before reading, with the time it happened', async () => {
    const before = await countEvents();
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('opd').set({ weekly_target: 3 }).where('id', '=', dinkes.id).execute();
      await queueAuditEvent(trx, { actorId: null, action: 'post.published', entity: 'post', entityId: 'queued-post', opdId: dinkes.id, details: { url: 'https://x.com/dinkes/status/1' } });
    });
    expect(await countEvents()).toBe(before);
    const { at } = await t.db.selectFrom('audit_outbox').select('at').where('entity_id', '=', 'queued-post').executeTakeFirstOrThrow();
    await new Promise((r) => setTimeout(r, 5));
    const page = await (await signedIn('pengawas')).get('/api/audit?action=post.published');
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([expect.objectContaining({ action: 'post.published', entityId: 'queued-post', at, details: { url: 'https://x.com/dinkes/status/1' } })]);
    expect(await t.db.selectFrom('audit_outbox').select('id').execute()).toEqual([]);
    expect(await chainAuditOutbox(t.db)).toBe(0);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

describe('the audit page API', () => {
  it('when an admin or a supervisor lists events, then they come newest first, page by page, and operators are refused', async () => {
    const total = await countEvents();
    for (const username of ['admin', 'pengawas']) {
      const c = await signedIn(username);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: { seq: number }[]; nextCursor: string | null } } = await c.get(
          `/api/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((e) => e.seq));
        cursor = page.body.nextCursor;
      } while (cursor);
      // Signing in just now added events: everything up to the count before is there, in order.
      expect(seen.length).toBeGreaterThanOrEqual(total);
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      expect(new Set(seen).size).toBe(seen.length);
    }
    const supervisor = await signedIn('pengawas');
    const actors = (await supervisor.get('/api/audit/actors')).body.items;
    expect(actors).toEqual(expect.arrayContaining([{ id: admin.id, username: 'admin', name: admin.name }]));
    expect(JSON.stringify(actors)).not.toMatch(/password|hash/i);
    const operator = await signedIn('op');
    expect((await operator.get('/api/audit')).status).toBe(403);
    expect((await operator.get('/api/audit/actors')).status).toBe(403);
    expect((await operator.get('/api/audit.csv')).status).toBe(403);
    expect((await new ApiClient(app.url).get('/api/audit')).status).toBe(401);
  });

  it('when filtered by action, actor, OPD and time, then only matching events come back, with names', async () => {
    const c = await signedIn('pengawas');
    const byAction = (await c.get('/api/audit?action=user.role_changed')).body.items;
    expect(byAction).toEqual([
      expect.objectContaining({
        action: 'user.role_changed',
        actorId: admin.id,
        actorUsername: 'admin',
        details: expect.objectContaining({ from: 'operator', to: 'supervisor' }),
      }),
    ]);
    const byActor = (await c.get(`/api/audit?actorId=${operatorUser.id}`)).body.items;
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e: { actorId: string }) => e.actorId === operatorUser.id)).toBe(true);
    const byOpd = (await c.get(`/api/audit?opdId=${dinkes.id}`)).body.items;
    expect(byOpd.length).toBeGreaterThan(0);
    expect(byOpd.every((e: { opdId: string; opdName: string }) => e.opdId === dinkes.id && e.opdName === 'Dinas Kesehatan')).toBe(true);
    const connected = (await eventsOf('account.connected'))[0]!;
    const window = (
      await c.get(
        `/api/audit?from=${encodeURIComponent(connected.at)}&to=${encodeURIComponent(new Date(Date.parse(connected.at) + 1).toISOString())}`,
      )
    ).body.items;
    expect(window.map((e: { seq: number }) => e.seq)).toContain(connected.seq);
    expect(window.every((e: { at: string }) => e.at === connected.at)).toBe(true);
    const bad = await c.get('/api/audit?from=kemarin&cursor=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cursor', 'from']);
  });

  it('when exported as CSV, then every matching event is a row with a header, and formulas are defused', async () => {
    const c = await signedIn('admin');
    await new ApiClient(app.url).login('=HYPERLINK("http://evil")', 'x');
    const res = await fetch(`${app.url}/api/audit.csv?action=auth.login_failed`, {
      headers: { cookie: [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="siar-audit-/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('seq,at_utc,at_local,actor_username,actor_name,action,entity,entity_id,opd_code,opd_name,details,hash');
    expect(lines.length - 1).toBe((await eventsOf('auth.login_failed')).length);
    expect(lines.slice(1).every((l) => l.includes(',auth.login_failed,'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});

describe('npm run audit:verify', () => {
  it('when many transactions in two processes append and chain queued events at once, then the chain stays one chain', async () => {
    const before = await countEvents();
    const script = join(t.dir, 'append-many.mts');
    writeFileSync(
      script,
      `import { appendAuditEvent, chainAuditOutbox, createDatabase, queueAuditEvent } from '${root}shared/src/node/index.ts';
const db = createDatabase({ url: process.env.AUDIT_DB_URL, poolSize: 8 });
const who = process.argv[2];
// Both processes start appending at the same instant, whenever each finished starting.
await db.selectFrom('audit_event').select('seq').limit(1).execute();
await new Promise((r) => setTimeout(r, Math.max(0, Number(process.env.START_AT) - Date.now())));
await Promise.all(Array.from({ length: 6 }, async (_, lane) => {
  for (let i = 0; i < 30; i++) {
    const event = { actorId: null, action: 'test.appended', entity: 'test', entityId: who + '-' + lane + '-' + i };
    // Half on their own, half as the last write of a caller's transaction.
    if (i % 2) await appendAuditEvent(db, event);
    else {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('opd').set({ weekly_target: i }).where('code', '=', 'DINKES').execute();
        await appendAuditEvent(trx, event);
      });
    }
  }
}).concat(Array.from({ length: 2 }, async (_, lane) => {
  // Outcome-style events: queued in a transaction, chained by whichever appender comes first.
  for (let i = 0; i < 30; i++) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('opd').set({ weekly_target: i }).where('code', '=', 'DINKES').execute();
      await queueAuditEvent(trx, { actorId: null, action: 'test.queued', entity: 'test', entityId: who + '-q' + lane + '-' + i });
    });
    if (i % 5 === 4) await chainAuditOutbox(db);
  }
})));
await chainAuditOutbox(db);
await db.destroy();
`,
    );
    const startAt = Date.now() + 4_000;
    const run = (who: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, who], {
          cwd: root,
          env: { ...process.env, AUDIT_DB_URL: t.url, START_AT: String(startAt) },
          stdio: 'inherit',
        });
        child.on('exit', resolve);
      });
    expect(await Promise.all([run('a'), run('b')])).toEqual([0, 0]);
    expect(await countEvents()).toBe(before + 480);
    expect(await t.db.selectFrom('audit_outbox').select('id').execute()).toEqual([]);
    const queued = await t.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'test.queued').execute();
    expect(new Set(queued.map((e) => e.entity_id)).size).toBe(120);
    const seqs = (await t.db.selectFrom('audit_event').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const r = verifyCli();
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`OK: ${before + 480} events`);
  });

  it('when one byte of one event is changed, then verify fails naming that event, and passes again once restored', async () => {
    const target = (await eventsOf('user.created'))[0]!;
    const tampered = target.details.replace('"budi"', '"bud1"');
    expect(tampered).not.toBe(target.details);
    await t.db.updateTable('audit_event').set({ details: tampered }).where('seq', '=', target.seq).execute();
    const broken = verifyCli();
    expect(broken.code, broken.out).toBe(1);
    expect(broken.out).toContain(`BROKEN: event seq ${target.seq} (user.created, ${target.at})`);
    await t.db.updateTable('audit_event').set({ details: target.details }).where('seq', '=', target.seq).execute();
    expect(verifyCli().code).toBe(0);
  });

  it('when an event is deleted from the middle, then verify names the event after the gap', async () => {
    const victim = (await eventsOf('auth.logout'))[0]!;
    await t.db.deleteFrom('audit_event').where('seq', '=', victim.seq).execute();
    const r = verifyCli();
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(`BROKEN: event seq ${Number(victim.seq) + 1} `);
  });
});
