import type { Request, Response } from 'express';
import type { TMetaFaults } from './meta-emulator.faults';
import { authenticate, graphError } from './meta-emulator.http';
import type { TMetaPage, TMetaState, TMetaToken } from './meta-emulator.state';

export interface TEmuConfig {
  latencyMs: number;
  /** Polls an image container answers IN_PROGRESS before it is processed. */
  imagePolls: number;
  /** Polls a video container (a Reel) answers IN_PROGRESS. */
  videoPolls: number;
  /** API-published Instagram posts per 24 hours (Meta: 50). */
  quotaTotal: number;
  longTokenTtlS: number;
}

export interface TEmuStats {
  mediaPublishCalls: number;
  containersCreated: number;
  feedPosts: number;
  /** Engagement reads: multiple-id reads (`GET /?ids=…`), and single nodes asked for engagement fields. */
  engagementReads: number;
  engagementNodeReads: number;
}

/** What every route of the emulator shares. */
export interface TEmuContext {
  state: TMetaState;
  config: TEmuConfig;
  stats: TEmuStats;
  persist(): void;
  /** The emulator's clock: real time plus the offset set through /_emulator/clock. */
  now(): number;
  faults(): TMetaFaults;
  /** Image bytes seen by the emulator (to show them on demo pages), by SHA-256. */
  blobs: Map<string, { mime: string; bytes: Buffer }>;
}

export function auth(ctx: TEmuContext, req: Request, res: Response): TMetaToken | undefined {
  return authenticate(req, res, ctx.state, ctx.now());
}

/** The Page a token may act for: its own Page token, or a user token of one of its managers. */
export function pageFor(ctx: TEmuContext, token: TMetaToken, pageId: string): TMetaPage | undefined {
  const pageRow = ctx.state.pages.find((p) => p.id === pageId);
  if (!pageRow) return undefined;
  if (token.kind === 'page') return token.pageId === pageId ? pageRow : undefined;
  return token.userId && pageRow.userIds.includes(token.userId) ? pageRow : undefined;
}

/** The Page whose Instagram account this is, if the token may act for it. */
export function igPageFor(ctx: TEmuContext, token: TMetaToken, igUserId: string): TMetaPage | undefined {
  const pageRow = ctx.state.pages.find((p) => p.instagram?.id === igUserId);
  return pageRow ? pageFor(ctx, token, pageRow.id) : undefined;
}

export function unknownObject(res: Response, id: string) {
  graphError(res, 400, 100, `Unsupported request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, { subcode: 33 });
}

/**
 * The failures injected into writes, in order: 500 (#2), throttling, a policy refusal. Answers
 * true when one was sent (nothing was stored).
 */
export function injectedWriteFailure(ctx: TEmuContext, res: Response): boolean {
  const f = ctx.faults();
  if (f.error5xxNext > 0) {
    f.error5xxNext -= 1;
    graphError(res, 500, 2, 'An unexpected error has occurred. Please retry your request later.', { type: 'OAuthException' });
    return true;
  }
  if (f.throttleNext > 0) {
    f.throttleNext -= 1;
    const usage = JSON.stringify({ '0': [{ type: 'pages', call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: f.regainMinutes }] });
    const messages: Record<number, string> = { 4: 'Application request limit reached', 17: 'User request limit reached', 32: 'Page request limit reached', 613: 'Calls to this api have exceeded the rate limit.' };
    graphError(res, 400, f.throttleCode, `(#${f.throttleCode}) ${messages[f.throttleCode] ?? 'Request limit reached'}`, { headers: { 'x-business-use-case-usage': usage } });
    return true;
  }
  if (f.rejectNext > 0) {
    f.rejectNext -= 1;
    graphError(res, 400, f.rejectCode, f.rejectMessage, { userMsg: f.rejectMessage });
    return true;
  }
  return false;
}

/** The store-then-drop fault of publishing calls: true when this answer must be lost. */
export function dropAnswerAfterStore(ctx: TEmuContext): boolean {
  const f = ctx.faults();
  if (f.hangAfterStoreNext <= 0) return false;
  f.hangAfterStoreNext -= 1;
  return true;
}

export function dropAnswer(ctx: TEmuContext, req: Request) {
  setTimeout(() => req.socket.destroy(), ctx.faults().hangMs);
}
