import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, createPublishQueue, createRedis, newKeyLine } from '@siar/shared/node';
import {
  createFaultEnv,
  deliveryStatuses,
  liveCopies,
  schedulePosts,
  waitFor,
  WorkerProcess,
  type TFaultEnv,
} from '../reliability/fault-harness';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

const root = new URL('../..', import.meta.url).pathname;
const onPostgres = inject('dialect') === 'postgres';
const scratch = mkdtempSync(join(tmpdir(), 'siar-backup-test-'));
const createdDatabases: string[] = [];
let env: TFaultEnv;
let source: WorkerProcess | undefined;
let restored: WorkerProcess | undefined;
let archive: string;
/** The installation restored by the second test, where the third one tries again. */
let restoredTarget: { DATA_DIR: string; DATABASE_URL: string };
let pastTexts: string[];
let futureTexts: string[];

/** `npm run <script> -- …` as an operator would type it, with the installation's settings. */
function runNpm(
  script: 'backup' | 'restore',
  args: string[],
  settings: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: root, env: { ...process.env, ...settings } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function tar(args: string[]): string {
  const r = spawnSync('tar', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A new, empty target: a fresh DATA_DIR, and on PostgreSQL a fresh empty database. */
async function freshTarget(name: string): Promise<{ DATA_DIR: string; DATABASE_URL: string }> {
  const dataDir = join(scratch, name);
  if (!onPostgres) return { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'siar.db')}` };
  const database = `siar_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${inject('postgresUrl')}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  createdDatabases.push(database);
  return { DATA_DIR: dataDir, DATABASE_URL: `${inject('postgresUrl')}/${database}` };
}

/** The archive with one byte of its database file flipped, or its manifest edited, repacked as it was. */
function tamperedCopy(kind: 'flip-db-byte' | 'edit-manifest-hash'): string {
  const dir = mkdtempSync(join(scratch, 'tamper-'));
  tar(['-xzf', archive, '-C', dir]);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
  const db = manifest.files.find((f) => f.path.startsWith('db/'))!;
  if (kind === 'flip-db-byte') {
    const bytes = readFileSync(join(dir, db.path));
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(join(dir, db.path), bytes);
  } else {
    db.sha256 = db.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  }
  const out = join(scratch, `${kind}.tar.gz`);
  tar([
    '-czf',
    out,
    '-C',
    dir,
    ...tar(['-tzf', archive])
      .split('\n')
      .filter((p) => p && !p.endsWith('/')),
  ]);
  return out;
}

beforeAll(async () => {
  env = await createFaultEnv({ accountCount: 2, redisUrl: testRedisUrl(), database: testDatabaseOptions() });
  // What a real data dir holds besides the database: the key file and Redis' files must stay out.
  writeFileSync(join(env.t.dir, 'siar.key'), `${env.t.keyText}\n`, { mode: 0o600 });
  mkdirSync(join(env.t.dir, 'redis'));
  writeFileSync(join(env.t.dir, 'redis', 'appendonly.aof'), 'queue state');
  mkdirSync(join(env.t.dir, 'media', 'opd-1'), { recursive: true });
  writeFileSync(join(env.t.dir, 'media', 'opd-1', 'poster.png'), randomBytes(2048));

  source = new WorkerProcess(env.workerEnv);
  source.start();
  const stamp = Date.now();
  pastTexts = [0, 1, 2, 3].map((i) => `Sudah terbit sebelum backup ${i} ${stamp}`);
  await schedulePosts(
    env,
    pastTexts.map((text, i) => ({ accountIndex: i % 2, text, at: new Date() })),
  );
  const published = await waitFor(async () => (await deliveryStatuses(env)).every((d) => d.status === 'published'), 30_000);
  if (!published) throw new Error(`the source worker did not publish in time:\n${source.tail()}`);

  const futureAt = Date.now() + 8000;
  futureTexts = [0, 1, 2, 3].map((i) => `Terjadwal setelah backup ${i} ${stamp}`);
  await schedulePosts(
    env,
    futureTexts.map((text, i) => ({ accountIndex: i % 2, text, at: new Date(futureAt) })),
  );

  // Taken while the worker runs; then the machine is lost before the future posts are due.
  const backup = await runNpm('backup', ['--json'], {
    DATA_DIR: env.t.dir,
    DATABASE_URL: env.t.url,
    BACKUP_DIR: join(scratch, 'backups'),
    LOG_LEVEL: 'warn',
  });
  if (backup.code !== 0) throw new Error(`npm run backup failed: ${backup.stderr}`);
  await source.kill('SIGKILL');
  if (Date.now() >= futureAt)
    throw new Error('the backup took longer than the 8 s lead of the future posts: the source worker may have published them');
  archive = (JSON.parse(backup.stdout.trim().split('\n').pop()!) as { archive: string }).archive;
}, 90_000);

afterAll(async () => {
  await source?.kill();
  await restored?.kill();
  await env?.close();
  for (const database of createdDatabases) {
    const admin = new pg.Client({ connectionString: `${inject('postgresUrl')}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe(`backup and restore (${onPostgres ? 'PostgreSQL: pg_dump / pg_restore' : 'SQLite: online backup API'})`, () => {
  it('when a backup is taken, then the archive holds a manifest, the database and the media, and never the key file or Redis data', () => {
    expect(archive).toMatch(/\/siar-backup-\d{8}T\d{6}Z\.tar\.gz$/);
    const members = tar(['-tzf', archive]).split('\n').filter(Boolean);
    expect(members).toContain('manifest.json');
    expect(members).toContain(onPostgres ? 'db/siar.dump' : 'db/siar.db');
    expect(members).toContain('media/opd-1/poster.png');
    expect(members.filter((m) => /siar\.key|redis|logs/.test(m))).toEqual([]);
    const manifest = JSON.parse(tar(['-xzOf', archive, 'manifest.json'])) as Record<string, unknown> & {
      files: { path: string; sha256: string; bytes: number }[];
    };
    expect(manifest).toMatchObject({
      format: 'siar-backup',
      formatVersion: 1,
      dialect: onPostgres ? 'postgres' : 'sqlite',
      appVersion: '0.1.0',
      encryptionKeyIds: ['ktest'],
    });
    expect(manifest.files.map((f) => f.path).sort()).toEqual(members.filter((m) => m !== 'manifest.json' && !m.endsWith('/')).sort());
    for (const f of manifest.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The key's id travels, its material never does.
    expect(readFileSync(archive).includes(Buffer.from(env.t.keyText.split(':')[1]!))).toBe(false);
  });

  it('when restored into a fresh installation with an empty queue, then the sweeper publishes each future delivery exactly once and nothing published before the backup is published again', async () => {
    const target = await freshTarget('restored');
    restoredTarget = target;
    const result = await runNpm('restore', [archive], { ...target, SIAR_ENCRYPTION_KEY: env.t.keyText });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/ENCRYPTION KEY MISSING/);
    expect(result.stdout).toMatch(/Next:[\s\S]*ktest[\s\S]*sweeper/);
    expect(readFileSync(join(target.DATA_DIR, 'media', 'opd-1', 'poster.png'))).toEqual(
      readFileSync(join(env.t.dir, 'media', 'opd-1', 'poster.png')),
    );
    expect(existsSync(join(target.DATA_DIR, 'siar.key'))).toBe(false);

    const prefix = `restored-${randomUUID().slice(0, 8)}`;
    const redis = createRedis(testRedisUrl(), 'worker');
    const queue = createPublishQueue(redis, prefix);
    const counts = await queue.getJobCounts();
    await queue.close();
    redis.disconnect();
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);

    mkdirSync(join(target.DATA_DIR, 'logs'), { recursive: true });
    restored = new WorkerProcess({
      ...env.workerEnv,
      ...target,
      SIAR_QUEUE_PREFIX: prefix,
      SIAR_SWEEP_EVERY_MS: '1000',
      SIAR_ENCRYPTION_KEY: env.t.keyText,
    });
    restored.start();
    const db = createDatabase({ url: target.DATABASE_URL });
    try {
      const rows = () =>
        db
          .selectFrom('delivery')
          .innerJoin('post', 'post.id', 'delivery.post_id')
          .select(['post.text', 'delivery.status', 'delivery.attempt'])
          .execute();
      const done = await waitFor(async () => (await rows()).every((d) => d.status === 'published'), 45_000);
      expect(done, restored.tail()).toBe(true);
      // A few more sweeps: a re-queue of anything already published would show up now.
      await new Promise((r) => setTimeout(r, 3000));
      const copies = await liveCopies(env);
      for (const text of [...pastTexts, ...futureTexts]) expect({ text, copies: copies.get(text) ?? 0 }).toEqual({ text, copies: 1 });
      expect((await rows()).filter((d) => futureTexts.includes(d.text)).map((d) => d.attempt)).toEqual([1, 1, 1, 1]);
    } finally {
      await db.destroy();
      await restored.kill('SIGTERM');
    }
  });

  it('when the target already holds a database, then restore refuses without --force and changes nothing', async () => {
    const target = restoredTarget;
    const db = createDatabase({ url: target.DATABASE_URL });
    const before = await db.selectFrom('delivery').select(['id', 'status', 'updated_at']).orderBy('id').execute();
    await db.destroy();
    const result = await runNpm('restore', [archive], { ...target, SIAR_ENCRYPTION_KEY: env.t.keyText });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refusing to restore[\s\S]*--force/);
    const after = createDatabase({ url: target.DATABASE_URL });
    expect(await after.selectFrom('delivery').select(['id', 'status', 'updated_at']).orderBy('id').execute()).toEqual(before);
    await after.destroy();
  });

  it('when restored again with --force, then the backup replaces the data and what it replaced is kept beside it (SQLite file, media)', async () => {
    const result = await runNpm('restore', [archive, '--force', '--json'], { ...restoredTarget, SIAR_ENCRYPTION_KEY: env.t.keyText });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; movedAside: string[] };
    expect(report.ok).toBe(true);
    expect(report.movedAside.some((p) => /\/media\.before-restore-/.test(p))).toBe(true);
    if (!onPostgres) expect(report.movedAside.some((p) => /\/siar\.db\.before-restore-[^/]*$/.test(p))).toBe(true);
    const db = createDatabase({ url: restoredTarget.DATABASE_URL });
    const rows = await db
      .selectFrom('delivery')
      .innerJoin('post', 'post.id', 'delivery.post_id')
      .select(['post.text', 'delivery.status', 'delivery.lease_at'])
      .where('post.text', 'in', futureTexts)
      .execute();
    await db.destroy();
    // Back to the moment of the backup. Those deliveries fell due since, and the first install
    // published them: none is left to be posted blindly; each waits for read-back (expired lease).
    expect(rows.map((r) => r.status)).toEqual(['publishing', 'publishing', 'publishing', 'publishing']);
    expect(rows.every((r) => r.lease_at === new Date(0).toISOString())).toBe(true);
  });

  it.each(['flip-db-byte', 'edit-manifest-hash'] as const)(
    'when the archive is corrupt (%s), then restore refuses with exit 1 and creates nothing',
    async (kind) => {
      const target = await freshTarget(`corrupt-${kind}`);
      const result = await runNpm('restore', [tamperedCopy(kind)], { ...target, SIAR_ENCRYPTION_KEY: env.t.keyText });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /refusing to restore[\s\S]*db\/siar\.(db|dump) is corrupt[\s\S]*nothing was changed|nothing was changed[\s\S]*db\/siar\.(db|dump) is corrupt/,
      );
      expect(existsSync(target.DATA_DIR)).toBe(false);
      if (onPostgres) {
        const db = createDatabase({ url: target.DATABASE_URL });
        const tables = await db.introspection.getTables();
        await db.destroy();
        expect(tables).toEqual([]);
      }
    },
  );

  it('when the key configured at the restore lacks the key id the backup names, then restore still restores but warns loudly', async () => {
    const target = await freshTarget('other-key');
    const result = await runNpm('restore', [archive], { ...target, SIAR_ENCRYPTION_KEY: newKeyLine('kother') });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/WARNING: ENCRYPTION KEY MISSING[^\n]*ktest[^\n]*kother only/);
  });
});
