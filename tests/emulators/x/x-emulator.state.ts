import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface TEmuUser {
  id: string;
  username: string;
  name: string;
  accessTokens: string[];
}

export interface TEmuTweet {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
  media?: { id: string; type: string; bytes: number; altText?: string | undefined; segments?: number; sha256?: string }[];
  replyTo?: string;
}

/** An OAuth 2.0 client registered with POST /_emulator/apps; a secret makes it confidential. */
export interface TEmuApp {
  clientId: string;
  clientSecret?: string | undefined;
  redirectUris: string[];
  /** Shown on the consent page; the client id when absent. */
  name?: string | undefined;
}

/**
 * One issue of the token endpoint: an access token (null once revoked) and, with offline.access,
 * its refresh token. Refreshing or revoking the refresh token removes the whole grant.
 */
export interface TEmuGrant {
  clientId: string;
  userId: string;
  scope: string;
  accessToken: string | null;
  refreshToken?: string | undefined;
  /** On the emulator's clock (real time plus the offset set through /_emulator/clock). */
  issuedAtMs: number;
  expiresAtMs: number;
}

export interface TEmuState {
  users: TEmuUser[];
  tweets: TEmuTweet[];
  nextId: number;
  apps: TEmuApp[];
  grants: TEmuGrant[];
}

export function emptyState(): TEmuState {
  // Ids look like X's snowflakes: long numeric strings that grow with time.
  return { users: [], tweets: [], nextId: Date.now() * 1000, apps: [], grants: [] };
}

export function loadState(file: string | undefined): TEmuState {
  if (!file || !existsSync(file)) return emptyState();
  // State files written before OAuth have no apps or grants.
  return { ...emptyState(), ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<TEmuState>) };
}

export function saveState(file: string | undefined, state: TEmuState): void {
  if (!file) return;
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

/** Registers (or replaces) an OAuth client; answers what is wrong with it, if anything. */
export function upsertApp(state: TEmuState, input: Record<string, unknown>): string | undefined {
  const { clientId, clientSecret, redirectUris, name } = input;
  if (typeof clientId !== 'string' || clientId === '') return 'clientId is required';
  if (clientSecret !== undefined && clientSecret !== null && (typeof clientSecret !== 'string' || clientSecret === '')) return 'clientSecret must be a non-empty string when given';
  if (!Array.isArray(redirectUris) || redirectUris.length === 0 || !redirectUris.every((u) => typeof u === 'string' && URL.canParse(u))) return 'redirectUris must be a non-empty array of absolute URLs';
  const app: TEmuApp = { clientId, redirectUris: redirectUris as string[], ...(clientSecret ? { clientSecret } : {}), ...(typeof name === 'string' && name ? { name } : {}) };
  state.apps = [...state.apps.filter((a) => a.clientId !== clientId), app];
  return undefined;
}
