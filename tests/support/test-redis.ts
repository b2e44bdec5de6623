import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** The real redis-server the global setup started for this run (free port, temp data). */
export function testRedisUrl(): string {
  return inject('redisUrl');
}
