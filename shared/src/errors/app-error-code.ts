/**
 * The closed set of errors the API can answer with. Each maps to one HTTP status in
 * exactly one place (`httpStatusOf`), and to one translated message in the server's and
 * the client's catalogues (`errors.<code>`).
 */
export const AppErrorCode = {
  validation: 'validation',
  malformedJson: 'malformed_json',
  unauthenticated: 'unauthenticated',
  invalidCredentials: 'invalid_credentials',
  csrf: 'csrf',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  /** A name or code that must be unique is already used by another record. */
  duplicate: 'duplicate',
  invalidTransition: 'invalid_transition',
  payloadTooLarge: 'payload_too_large',
  rateLimited: 'rate_limited',
  internal: 'internal',
} as const;
export type TAppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

const statusByCode: Record<TAppErrorCode, number> = {
  validation: 400,
  malformed_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};

export function httpStatusOf(code: TAppErrorCode): number {
  return statusByCode[code];
}

export interface TFieldError {
  field: string;
  /** A message key, translated where the problem is rendered (`validation.<key>`). */
  key: string;
  message?: string;
}

export class AppError extends Error {
  readonly code: TAppErrorCode;
  readonly fieldErrors: TFieldError[] | undefined;

  constructor(code: TAppErrorCode, options: { detail?: string; fieldErrors?: TFieldError[] } = {}) {
    super(options.detail ?? code);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
  }
}
