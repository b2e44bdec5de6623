import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** A Meta app registered with POST /_emulator/apps (Facebook Login's client). */
export interface TMetaApp {
  appId: string;
  appSecret: string;
  redirectUris: string[];
  name?: string | undefined;
}

export interface TMetaUser {
  id: string;
  name: string;
}

/** A Page and, when linked, its Instagram professional account. */
export interface TMetaPage {
  id: string;
  name: string;
  username?: string | undefined;
  /** The people who manage it (they see it in /me/accounts). */
  userIds: string[];
  tasks: string[];
  instagram?: { id: string; username: string; name: string } | undefined;
}

/** A user or Page token; Page tokens issued through /me/accounts follow their user's grant. */
export interface TMetaToken {
  token: string;
  kind: 'user' | 'page';
  userId?: string | undefined;
  pageId?: string | undefined;
  appId?: string | undefined;
  scopes: string[];
  /** On the emulator's clock; absent: never expires (Page tokens, demo tokens). */
  expiresAtMs?: number | undefined;
  revoked?: boolean | undefined;
}

export interface TFetched {
  url: string;
  status: number;
  ok: boolean;
  reason?: string | undefined;
  mime?: string | undefined;
  bytes?: number | undefined;
  sha256?: string | undefined;
  at: string;
}

export interface TMetaPhoto {
  id: string;
  pageId: string;
  mime: string;
  bytes: number;
  sha256: string;
  altText?: string | undefined;
  published: boolean;
  attachedTo?: string | undefined;
  createdAt: string;
}

export interface TMetaPost {
  id: string;
  pageId: string;
  message: string;
  link?: string | undefined;
  photoIds: string[];
  videoId?: string | undefined;
  createdAt: string;
}

export type TContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface TIgContainer {
  id: string;
  igUserId: string;
  kind: 'IMAGE' | 'VIDEO' | 'REELS' | 'CAROUSEL';
  isCarouselItem: boolean;
  caption?: string | undefined;
  altText?: string | undefined;
  children?: string[] | undefined;
  media?: { mime: string; bytes: number; sha256: string } | undefined;
  status: TContainerStatus;
  /** Polls that still answer IN_PROGRESS before the final status. */
  pollsLeft: number;
  /** The status it ends in once processed (FINISHED unless a fault says otherwise). */
  finalStatus: TContainerStatus;
  statusText?: string | undefined;
  createdAtMs: number;
}

export interface TIgMedia {
  id: string;
  igUserId: string;
  caption: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  shortcode: string;
  timestamp: string;
  /** Published through the Content Publishing API (counts towards the quota). */
  viaApi: boolean;
  items: { kind: string; mime: string; bytes: number; sha256: string; altText?: string | undefined }[];
}

export interface TMetaState {
  apps: TMetaApp[];
  users: TMetaUser[];
  pages: TMetaPage[];
  tokens: TMetaToken[];
  photos: TMetaPhoto[];
  posts: TMetaPost[];
  containers: TIgContainer[];
  igMedia: TIgMedia[];
  fetches: TFetched[];
  nextId: number;
}

export function emptyState(): TMetaState {
  // Ids look like Meta's: long numeric strings.
  return { apps: [], users: [], pages: [], tokens: [], photos: [], posts: [], containers: [], igMedia: [], fetches: [], nextId: 1_790_000_000_000_000 };
}

export function loadState(file: string | undefined): TMetaState {
  if (!file || !existsSync(file)) return emptyState();
  return { ...emptyState(), ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<TMetaState>) };
}

export function saveState(file: string | undefined, state: TMetaState): void {
  if (!file) return;
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

export function newId(state: TMetaState): string {
  state.nextId += 1;
  return String(state.nextId);
}
