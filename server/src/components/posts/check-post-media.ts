import { AppError, checkMediaForPlatform, type TFieldError, type TLocale, type TMediaCheckItem } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { translate } from '../../libraries/i18n/messages';

/**
 * A post's media must exist, belong to an OPD of the post's accounts, and fit every chosen
 * platform's limits (X: up to 4 images or 1 video). Answers the ids in the author's order.
 */
export async function checkPostMedia(o: { db: TDatabase; locale: TLocale; mediaIds: string[] | undefined; accounts: { opd_id: string; platform: string }[] }): Promise<string[]> {
  const ids = o.mediaIds ?? [];
  const opdIds = [...new Set(o.accounts.map((a) => a.opd_id))];
  // Even without media the platforms are asked: some need at least one image or video (Instagram).
  const rows = ids.length ? await o.db.selectFrom('media').select(['id', 'kind', 'mime', 'bytes']).where('id', 'in', ids).where('opd_id', 'in', opdIds).execute() : [];
  const missing = ids.flatMap((id, i) => (rows.some((r) => r.id === id) ? [] : [{ field: `mediaIds.${i}`, key: 'media_not_found' }]));
  if (missing.length) throw new AppError('not_found', { fieldErrors: missing });
  // Rows were written by the upload, which only stores these kinds and sniffed types.
  const ordered = ids.map((id) => rows.find((r) => r.id === id)!) as unknown as TMediaCheckItem[];
  const errors: TFieldError[] = [];
  for (const platform of new Set(o.accounts.map((a) => a.platform))) {
    for (const p of checkMediaForPlatform(platform, ordered)) {
      errors.push({ field: p.index === undefined ? 'mediaIds' : `mediaIds.${p.index}`, key: p.key, message: translate(o.locale, `validation.${p.key}`, p.params) ?? p.key });
    }
  }
  if (errors.length) throw new AppError('validation', { fieldErrors: errors });
  return ids;
}
