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

export interface TPublishInput {
  account: { id: string; externalId: string; handle: string };
  credentials: TCredentials;
  text: string;
}

export interface TPublishResult {
  externalId: string;
  url: string;
}

export interface TProfile {
  externalId: string;
  handle: string;
  displayName: string;
}

export interface TPlatformAdapter {
  id: string;
  publish(input: TPublishInput): Promise<TPublishResult>;
  getProfile(credentials: TCredentials): Promise<TProfile>;
}
