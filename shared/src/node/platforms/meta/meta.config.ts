/** What the Facebook and Instagram adapters need of the deployment (common-env.ts builds it). */
export interface TMetaAdapterConfig {
  /** `https://graph.facebook.com`, or the emulator in tests and demo. */
  apiBaseUrl: string;
  /** e.g. `v23.0`: every Graph call and the Login dialog use this version. */
  graphVersion: string;
  /** Where this platform's posts are shown (`https://www.facebook.com`, `https://www.instagram.com`). */
  webBaseUrl: string;
  /** Where the Facebook Login dialog is (`https://www.facebook.com`). */
  authorizeBaseUrl: string;
  requestTimeoutMs: number;
  /** The Meta app; without both, accounts cannot be connected (publishing still works). */
  appId?: string | undefined;
  appSecret?: string | undefined;
  /** Instagram containers: how often their processing is checked, and for how long at most. */
  containerPollMs: number;
  containerWaitMs: number;
  /** Instagram: posts per account per rolling 24 hours (API-published). */
  postsPer24h: number;
}
