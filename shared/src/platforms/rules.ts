/** What the composer and the server need to know of a platform, without talking to it. */
/** What a platform charges per post, from configuration (prices change; they are not code). */
export interface TPrices {
  currency: string;
  post: number;
  postWithUrl: number;
}

export interface TPlatformRules {
  id: string;
  /** Display name, not translated (brand). */
  name: string;
  /** Validates one text for this platform; answers message keys (`validation.<key>`). */
  checkText(text: string): { ok: boolean; length: number; max: number; key?: string };
  /** Builds the public URL of a published post from its id and the account's handle. */
  postUrl(webBaseUrl: string, handle: string, externalId: string): string;
  /**
   * The post id in a link a person pastes ("sudah terbit"), when the link is one of this
   * platform's; `anyHost` when the caller already checked the host (a configured web base).
   */
  externalIdFromUrl(url: string, options?: { anyHost?: boolean }): string | undefined;
  /**
   * Where the platform forbids posting the same or nearly the same text from several accounts
   * one operates: the window it looks at. Absent: no such rule.
   */
  similarContentWindowMs?: number;
  /**
   * How many parts a thread may have (each a reply to the one before, published in order).
   * Absent: the platform has no threads, and a post there is a single text.
   */
  maxThreadParts?: number;
  /** The price of one post of this text, when the platform bills per post. */
  costOf?(text: string, prices: TPrices): number;
}
