import type { TPlatformAdapter } from './adapter';
import { createXAdapter, type TXAdapterConfig } from './x/x.adapter';

export interface TPlatformsConfig {
  x: TXAdapterConfig;
}

/** Every adapter, by platform id. Generic code looks adapters up here and never by name. */
export function createPlatformRegistry(config: TPlatformsConfig): ReadonlyMap<string, TPlatformAdapter> {
  const adapters = [createXAdapter(config.x)];
  return new Map(adapters.map((a) => [a.id, a]));
}
