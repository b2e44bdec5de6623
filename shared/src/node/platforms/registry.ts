import type { TPlatformAdapter } from './adapter';
import type { TMetaAdapterConfig } from './meta/meta.config';
import { createFacebookAdapter } from './meta/meta.facebook.adapter';
import { createInstagramAdapter } from './meta/meta.instagram.adapter';
import { createXAdapter, type TXAdapterConfig } from './x/x.adapter';

export interface TPlatformsConfig {
  x: TXAdapterConfig;
  facebook?: TMetaAdapterConfig;
  instagram?: TMetaAdapterConfig;
}

/** Every adapter, by platform id. Generic code looks adapters up here and never by name. */
export function createPlatformRegistry(config: TPlatformsConfig): ReadonlyMap<string, TPlatformAdapter> {
  const adapters = [
    createXAdapter(config.x),
    ...(config.facebook ? [createFacebookAdapter(config.facebook)] : []),
    ...(config.instagram ? [createInstagramAdapter(config.instagram)] : []),
  ];
  return new Map(adapters.map((a) => [a.id, a]));
}

/** The OAuth of a grant name (`/api/oauth/<name>/callback`): a platform's id, or a name platforms share. */
export function oauthForGrant(adapters: ReadonlyMap<string, TPlatformAdapter>, name: string): { oauth: NonNullable<TPlatformAdapter['oauth']>; adapter: TPlatformAdapter } | undefined {
  for (const adapter of adapters.values()) {
    if (adapter.oauth && (adapter.oauth.grantName ?? adapter.id) === name) return { oauth: adapter.oauth, adapter };
  }
  return undefined;
}
