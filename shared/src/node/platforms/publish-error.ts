/**
 * The closed set of publishing outcomes other than success. Adapters map every platform
 * error into one of these at their edge; the worker decides only by `kind`.
 */
export type TPublishErrorKind =
  | 'rate_limited'
  | 'auth_expired'
  | 'account_disconnected'
  | 'content_rejected'
  | 'transient'
  | 'ambiguous';

export class PublishError extends Error {
  readonly kind: TPublishErrorKind;
  /** For `rate_limited`: when the window resets, and whose window it is. */
  readonly resetAt: Date | undefined;
  readonly limitScope: 'account' | 'app' | undefined;
  readonly httpStatus: number | undefined;
  /** A short excerpt of the platform's answer, safe to store and show (never a token). */
  readonly platformDetail: string | undefined;
  /** The platform refused the text as a duplicate of a post already there (maybe our own). */
  readonly duplicate: boolean;

  constructor(
    kind: TPublishErrorKind,
    message: string,
    options: { resetAt?: Date | undefined; limitScope?: 'account' | 'app'; httpStatus?: number | undefined; platformDetail?: string | undefined; duplicate?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'PublishError';
    this.kind = kind;
    this.resetAt = options.resetAt;
    this.limitScope = options.limitScope;
    this.httpStatus = options.httpStatus;
    this.platformDetail = options.platformDetail?.slice(0, 300);
    this.duplicate = options.duplicate ?? false;
  }
}
