import { isAbsolute, join } from 'node:path';
import type { TDatabase, TPublishMedia } from '@siar/shared/node';

/**
 * The post's media, in the order the author chose, as files the adapter can read; with
 * `urlOf`, each also at a signed public address (for platforms that fetch media themselves).
 */
export async function loadPostMedia(db: TDatabase, mediaIdsJson: string, mediaDir: string, urlOf?: (mediaId: string) => string): Promise<TPublishMedia[]> {
  let ids: unknown;
  try {
    ids = JSON.parse(mediaIdsJson);
  } catch {
    return [];
  }
  if (!Array.isArray(ids) || ids.length === 0) return [];
  const rows = await db.selectFrom('media').selectAll().where('id', 'in', ids.map(String)).execute();
  return ids.flatMap((id) => {
    const row = rows.find((r) => r.id === id);
    if (!row) return [];
    const altText = (row as { alt_text?: string | null }).alt_text ?? null;
    return [{ path: isAbsolute(row.path) ? row.path : join(mediaDir, row.path), mime: row.mime, altText, ...(urlOf ? { url: urlOf(row.id) } : {}) }];
  });
}
