import type { ErrorRequestHandler, Request, Response } from 'express';
import { AppError, httpStatusOf, type TProblem } from '@siar/shared';
import type { TLogger } from '@siar/shared/node';
import { translate } from '../i18n/messages';
import { requestLocale } from '../i18n/request-locale';

export function sendProblem(req: Request, res: Response, error: AppError): void {
  const locale = requestLocale(req);
  const status = httpStatusOf(error.code);
  const title = translate(locale, `errors.${error.code}`) ?? error.code;
  const errors = error.fieldErrors?.map((e) => ({
    field: e.field,
    key: e.key,
    message: e.message ?? translate(locale, `validation.${e.key}`) ?? translate(locale, 'validation.invalid')!,
  }));
  const detail = errors?.length ? `${title} ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}` : title;
  const body: TProblem = { type: `https://siar.local/problems/${error.code}`, title, status, detail, code: error.code, ...(errors ? { errors } : {}) };
  res.status(status).type('application/problem+json').json(body);
}

/** Express adds `type` and `status` to errors from its body parser; use them, never `message`. */
function fromBodyParser(err: unknown): AppError | undefined {
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed') return new AppError('malformed_json');
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new AppError('validation');
  return undefined;
}

/** The one place errors become HTTP answers: known errors as their status, the rest as 500. */
export function problemMiddleware(logger: TLogger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof AppError ? err : fromBodyParser(err);
    if (known) return sendProblem(req, res, known);
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    sendProblem(req, res, new AppError('internal'));
  };
}
