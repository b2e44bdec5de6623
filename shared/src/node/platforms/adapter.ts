/**
 * The one interface every platform implements. Generic code (worker, server) talks only to
 * this; a platform's differences live in its folder.
 */
export interface TCredentials {
  accessToken: string;
  refreshToken?: string | undefined;
  /** ISO instant. */
  expiresAt?: string | undefined;
}

export interface TAccountRef {
  id: string;
  externalId: string;
  handle: string;
}

/** A stored media file to attach: its absolute path, sniffed type and alternative text. */
export interface TPublishMedia {
  path: string;
  mime: string;
  altText?: string | null | undefined;
  /**
   * A public, signed address of the same file that expires within the hour, for platforms that
   * fetch media themselves (Meta). Absent when Siar has no public address (PUBLIC_BASE_URL).
   */
  url?: string | undefined;
}

export interface TPublishInput {
  account: TAccountRef;
  credentials: TCredentials;
  text: string;
  media?: TPublishMedia[];
  /** In a thread: the platform's id of the part this one answers (the one before it). */
  replyToExternalId?: string;
}

export interface TPublishResult {
  externalId: string;
  url: string;
}

export interface TReadBackInput extends TPublishInput {
  /** The earliest the post can have been created (the attempt's start, less clock skew). */
  since: Date;
}

/**
 * `found`: the post is live. `absent`: every post since `since` was read and none matches, so
 * publishing again cannot make a duplicate. `unknown`: the platform could not tell us.
 */
export type TReadBackResult = { status: 'found'; externalId: string; url: string } | { status: 'absent' } | { status: 'unknown'; reason: string };

export interface TProfile {
  externalId: string;
  handle: string;
  displayName: string;
}

/** A limit enforced before calling the platform: `max` posts per `windowMs`, per account or per app. */
export interface TRateLimit {
  scope: 'account' | 'app';
  windowMs: number;
  max: number;
}

/** An account one consent gives access to, with its own credentials, for the person to choose. */
export interface TGrantedAccount {
  platform: string;
  externalId: string;
  handle: string;
  displayName: string;
  /** The account it hangs on at the platform (an Instagram account's Facebook Page), shown beside it. */
  linkedTo?: string | undefined;
  credentials: TCredentials;
}

/** Connecting accounts through the platform's OAuth, where it has one. */
export interface TPlatformOAuth {
  /**
   * Platforms that share one consent (Facebook Login: Facebook Pages and Instagram) share this
   * name, used for the callback path (`/api/oauth/<name>/callback`). Default: the platform id.
   */
  grantName?: string;
  /**
   * Present when one consent covers several accounts, possibly of several platforms: every
   * account the grant reaches, for the person to choose which to add. Absent: the consent is
   * one account, read with `getProfile`.
   */
  listAccounts?(credentials: TCredentials): Promise<TGrantedAccount[]>;
  /** The token cannot be renewed by Siar: a person must connect again before it expires. */
  reconnectBeforeExpiry?: boolean;
  /** The consent URL to send the person to, and the PKCE verifier to keep until the callback. */
  authorizeUrl(o: { state: string; redirectUri: string }): { url: string; codeVerifier: string };
  exchange(o: { code: string; codeVerifier: string; redirectUri: string }): Promise<TCredentials>;
  /** Throws PublishError: `account_disconnected` when the grant is gone, `transient` otherwise. */
  refresh(credentials: TCredentials): Promise<TCredentials>;
  revoke(credentials: TCredentials): Promise<void>;
}

/** Public counts of one post; `impressions` only where the platform (or the API tier) answers them. */
export interface TPostMetrics {
  likes: number;
  reposts: number;
  replies: number;
  impressions?: number | undefined;
}

export interface TMetricsInput {
  account: TAccountRef;
  credentials: TCredentials;
  externalIds: string[];
}

export interface TPlatformAdapter {
  id: string;
  /** The longest a single platform request may take; the settle window must exceed it. */
  requestTimeoutMs: number;
  limits: TRateLimit[];
  publish(input: TPublishInput): Promise<TPublishResult>;
  readBack(input: TReadBackInput): Promise<TReadBackResult>;
  getProfile(credentials: TCredentials): Promise<TProfile>;
  /** Absent when this deployment has no app credentials for the platform. */
  oauth?: TPlatformOAuth;
  /**
   * Public metrics of the account's posts, by external id; posts the platform no longer has are
   * left out. Throws PublishError (`rate_limited` with `resetAt`, …). Absent: no metrics collected.
   */
  metrics?(input: TMetricsInput): Promise<Record<string, TPostMetrics>>;
  /** Read windows for `metrics` calls, counted apart from the publishing `limits`. */
  metricsLimits?: TRateLimit[];
}
