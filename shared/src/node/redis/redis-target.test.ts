import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEnv, resolveCommonEnv, ZCommonEnv } from '../config/common-env';
import { createRedis } from './connection';
import { freePort } from '../../../../server/src/launcher/free-port';

const config = (env: NodeJS.ProcessEnv) => resolveCommonEnv(parseEnv(ZCommonEnv, env));

describe('where Redis is', () => {
  it('when only REDIS_URL is set, then that URL is used', () => {
    expect(config({ REDIS_URL: 'redis://10.1.2.3:6380' }).redis).toEqual({ kind: 'url', url: 'redis://10.1.2.3:6380' });
  });

  it('when sentinels are set, then they are parsed with the group name and passwords', () => {
    expect(config({ REDIS_SENTINELS: 'sentinel-1.pemkab.local:26379, 10.0.0.2:26380', REDIS_SENTINEL_NAME: 'siar', REDIS_PASSWORD: 'p', REDIS_SENTINEL_PASSWORD: 's' }).redis).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 'sentinel-1.pemkab.local', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
      ],
      name: 'siar',
      password: 'p',
      sentinelPassword: 's',
    });
  });

  it.each([['localhost'], ['host:notaport'], ['host:70000'], [',']])('when a sentinel is written as %j, then the configuration is refused naming REDIS_SENTINELS', (value) => {
    expect(() => config({ REDIS_SENTINELS: value })).toThrow(/REDIS_SENTINELS/);
  });
});

describe('Redis through a real Sentinel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'siar-sentinel-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the primary is found through Sentinel, then commands reach it', async () => {
    const primaryPort = await freePort();
    const sentinelPort = await freePort();
    children.push(spawn('redis-server', ['--port', String(primaryPort), '--bind', '127.0.0.1', '--save', '', '--dir', dir], { stdio: 'ignore' }));
    const conf = join(dir, 'sentinel.conf');
    writeFileSync(conf, `port ${sentinelPort}\nbind 127.0.0.1\nsentinel monitor siar 127.0.0.1 ${primaryPort} 1\n`);
    children.push(spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' }));
    await new Promise((r) => setTimeout(r, 500));
    const redis = createRedis(config({ REDIS_SENTINELS: `127.0.0.1:${sentinelPort}`, REDIS_SENTINEL_NAME: 'siar' }).redis, 'worker');
    try {
      await redis.set('siar:sentinel-check', 'ok');
      expect(await redis.get('siar:sentinel-check')).toBe('ok');
      expect((await redis.info('server')).includes(`tcp_port:${primaryPort}`)).toBe(true);
    } finally {
      redis.disconnect();
    }
  });
});
