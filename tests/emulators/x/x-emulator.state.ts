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
}

export interface TEmuState {
  users: TEmuUser[];
  tweets: TEmuTweet[];
  nextId: number;
}

export function emptyState(): TEmuState {
  // Ids look like X's snowflakes: long numeric strings that grow with time.
  return { users: [], tweets: [], nextId: Date.now() * 1000 };
}

export function loadState(file: string | undefined): TEmuState {
  if (!file || !existsSync(file)) return emptyState();
  return JSON.parse(readFileSync(file, 'utf8')) as TEmuState;
}

export function saveState(file: string | undefined, state: TEmuState): void {
  if (!file) return;
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}
