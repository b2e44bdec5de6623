import type { AppError, TImportColumn, TImportRowError, TLocale } from '@siar/shared';
import { translate } from '../../libraries/i18n/messages';

/**
 * A row's problem as stored: a message key with its parameters, translated when read (so
 * each reader sees their language), or a message already worded (from the post rules).
 */
export interface TStoredRowError {
  field: TImportColumn | 'row';
  key: string;
  params?: Record<string, string | number>;
  message?: string;
}

export function translateRowErrors(errors: TStoredRowError[], locale: TLocale): TImportRowError[] {
  return errors.map((e) => ({ field: e.field, message: e.message ?? translate(locale, `validation.${e.key}`, e.params) ?? translate(locale, 'validation.invalid')! }));
}

/** Which column a create-post field error is about. */
function columnOf(field: string): TStoredRowError['field'] {
  const head = field.split('.')[0];
  if (head === 'accountIds') return 'accounts';
  if (head === 'scheduledAt') return 'time';
  if (head === 'mediaIds' || head === 'file') return 'mediaUrl';
  return head === 'text' || head === 'variants' ? 'text' : 'row';
}

/** A refusal from the post rules (or the media pipeline), worded in the committing user's language. */
export function rowErrorsOfAppError(error: AppError, locale: TLocale, field?: TStoredRowError['field']): TStoredRowError[] {
  const fieldErrors = error.fieldErrors?.length ? error.fieldErrors : [{ field: 'row', key: error.code, message: translate(locale, `errors.${error.code}`) }];
  return fieldErrors.map((e) => ({
    field: field ?? columnOf(e.field),
    key: e.key,
    message: e.message ?? translate(locale, `validation.${e.key}`) ?? translate(locale, `errors.${e.key}`) ?? translate(locale, 'validation.invalid')!,
  }));
}
