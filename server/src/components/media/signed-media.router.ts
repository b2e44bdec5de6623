import { Router } from 'express';
import { AppError, ZId } from '@siar/shared';
import { SIGNED_MEDIA_PATH, verifyMediaSignature, type TDatabase, type TKeyRing } from '@siar/shared/node';
import { findMediaById } from './media.repository';

/**
 * `GET /media/signed/:mediaId?exp=…&sig=…`: a media file for a platform that fetches it itself
 * (Meta), without a session. The signature (HMAC-SHA256 under a key derived from the key ring)
 * names the file and the instant it stops working; a bad or expired one is 403 before the
 * database is asked, so an address cannot be guessed, and a valid one for a file that is gone is 404.
 */
export function signedMediaRouter(deps: { db: TDatabase; ring: TKeyRing; mediaDir: string }): Router {
  const router = Router();
  router.get(`${SIGNED_MEDIA_PATH}/:mediaId`, async (req, res, next) => {
    const mediaId = String(req.params.mediaId);
    const verdict = ZId.safeParse(mediaId).success ? verifyMediaSignature(deps.ring, { mediaId, exp: req.query.exp, sig: req.query.sig }) : 'invalid';
    if (verdict !== 'ok') throw new AppError('forbidden', { fieldErrors: [{ field: 'sig', key: verdict === 'expired' ? 'signed_url_expired' : 'signed_url_invalid' }] });
    const row = await findMediaById(deps.db, null, mediaId);
    if (!row) throw new AppError('not_found');
    const secondsLeft = Math.max(0, Number(req.query.exp) - Math.floor(Date.now() / 1000));
    res.type(row.mime);
    // `root` confines the stored relative path to the media directory (no `..`, no dotfiles).
    res.sendFile(row.path, { root: deps.mediaDir, dotfiles: 'deny', cacheControl: false, headers: { 'Cache-Control': `private, max-age=${Math.min(secondsLeft, 3600)}`, 'X-Robots-Tag': 'noindex' } }, (err) => {
      if (err && !res.headersSent) next(new AppError('not_found'));
    });
  });
  return router;
}
