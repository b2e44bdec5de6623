import { AppError, type TLocale } from '@siar/shared';
import { translate } from '../../libraries/i18n/messages';

const MIB = 1024 * 1024;

/** A 400 naming the one field at fault (`validation.<key>`). */
export function invalidField(field: string, key: string): AppError {
  return new AppError('validation', { fieldErrors: [{ field, key }] });
}

export function unsupportedMediaType(): AppError {
  return invalidField('file', 'unsupported_media_type');
}

/** "5 MB", "512 MB"; a cap that is not whole mebibytes (tests) in KB or bytes. */
export function formatLimit(bytes: number): string {
  if (bytes % MIB === 0) return `${bytes / MIB} MB`;
  return bytes >= 1024 ? `${Math.floor(bytes / 1024)} KB` : `${bytes} B`;
}

/** A 413 naming the limit, in the caller's language. */
export function fileTooLarge(locale: TLocale, maxBytes: number): AppError {
  const message = translate(locale, 'validation.file_too_large', { limit: formatLimit(maxBytes) });
  return new AppError('payload_too_large', { fieldErrors: [{ field: 'file', key: 'file_too_large', ...(message ? { message } : {}) }] });
}
