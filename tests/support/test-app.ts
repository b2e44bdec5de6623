import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createLogger, createPublishQueue, createRedis, type TPlatformAdapter, type TPlatformSettings, type TPublishQueue } from '@siar/shared/node';
import { createApp } from '../../server/src/app';
import { createPublishScheduler } from '../../server/src/libraries/queue/publish-scheduler';
import type { TTestDatabase } from './test-database';

export interface TTestApp {
  url: string;
  queue: TPublishQueue;
  /** Where uploads are stored (a temp dir of its own unless given). */
  mediaDir: string;
  close(): Promise<void>;
}

/** The real Express app on a free port, with a real Redis queue under its own prefix. */
export async function startTestApp(options: { database: TTestDatabase; redisUrl: string; prefix: string; adapters?: ReadonlyMap<string, TPlatformAdapter>; publicBaseUrl?: string; platformSettings?: Record<string, TPlatformSettings>; mediaDir?: string }): Promise<TTestApp> {
  const logger = createLogger({ name: 'test-server', level: 'silent' });
  const redis = createRedis(options.redisUrl, 'producer');
  redis.on('error', () => undefined);
  const queue = createPublishQueue(redis, options.prefix);
  queue.on('error', () => undefined);
  const mediaDir = options.mediaDir ?? mkdtempSync(join(tmpdir(), 'siar-test-media-'));
  const app = createApp({ db: options.database.db, redis, scheduler: createPublishScheduler(queue, redis, logger), queues: [queue], prefix: options.prefix, logger, trustProxy: 0, ring: options.database.ring, adapters: options.adapters ?? new Map(), publicBaseUrl: options.publicBaseUrl, platformSettings: options.platformSettings, mediaDir });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    queue,
    mediaDir,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await queue.close().catch(() => undefined);
      redis.disconnect();
      if (!options.mediaDir) rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
