import { ZMediaKind, ZMediaMime, type TMedia } from '@siar/shared';
import type { MediaTable } from '@siar/shared/node';

export function toMediaDto(row: MediaTable): TMedia {
  return {
    id: row.id,
    opdId: row.opd_id,
    kind: ZMediaKind.parse(row.kind),
    mime: ZMediaMime.parse(row.mime),
    bytes: Number(row.bytes),
    width: row.width === null ? null : Number(row.width),
    height: row.height === null ? null : Number(row.height),
    altText: row.alt_text,
    url: `/api/media/${encodeURIComponent(row.id)}/file`,
    thumbnailUrl: row.thumbnail_path ? `/api/media/${encodeURIComponent(row.id)}/thumbnail` : null,
  };
}
