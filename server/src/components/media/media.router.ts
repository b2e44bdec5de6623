import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { AppError, MEDIA_UPLOAD_MAX_BYTES, mediaKindOf, ZId, ZUpdateMediaRequest, ZUploadMediaFields, type TMediaKind } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { parseInput, toFieldErrors } from '../../libraries/http/validate';
import { requestLocale } from '../../libraries/i18n/request-locale';
import { getMediaFile, type TMediaVariant } from './get-media-file';
import { getMedia, updateMedia } from './media-details';
import { fileTooLarge } from './media-errors';
import { receiveUpload, type TReceivedUpload } from './receive-upload';
import { uploadMedia } from './upload-media';

export interface TMediaRouterDeps {
  db: TDatabase;
  /** Files live under `<mediaDir>/<opdId>/`; uploads in progress under `<mediaDir>/.incoming/`. */
  mediaDir: string;
  /** Upload caps per kind (default MEDIA_UPLOAD_MAX_BYTES); lower ones for tests. */
  limits?: Partial<Record<TMediaKind, number>>;
}

/** Multipart headers and the text fields, on top of the file's own cap. */
const MULTIPART_OVERHEAD = 64 * 1024;
/** A refused request up to this size is read out so the client surely sees the answer; a larger one is cut off. */
const DRAIN_MAX = 16 * 1024 * 1024;

function stopReading(req: Request, res: Response): void {
  if (req.complete) return;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared <= DRAIN_MAX) req.resume();
  else res.set('Connection', 'close');
}

function validUpload(upload: TReceivedUpload) {
  const fields = ZUploadMediaFields.safeParse(upload.fields, { reportInput: true });
  const errors = [...(upload.file ? [] : [{ field: 'file', key: 'required' }]), ...(fields.success ? [] : toFieldErrors(fields.error.issues))];
  if (!upload.file || !fields.success) throw new AppError('validation', { fieldErrors: errors });
  return { file: upload.file, fields: fields.data };
}

export function mediaRouter(deps: TMediaRouterDeps): Router {
  const limits = { ...MEDIA_UPLOAD_MAX_BYTES, ...deps.limits };
  const router = Router();

  router.post('/', async (req, res) => {
    const locale = requestLocale(req);
    const tooLarge = (maxBytes: number) => fileTooLarge(locale, maxBytes);
    let upload: TReceivedUpload;
    try {
      const largest = Math.max(limits.image, limits.video);
      if (Number(req.headers['content-length']) > largest + MULTIPART_OVERHEAD) throw tooLarge(largest);
      upload = await receiveUpload(req, { tempDir: join(deps.mediaDir, '.incoming'), fieldNames: ['opdId', 'altText'], maxBytesOf: (mime) => limits[mediaKindOf(mime)], tooLarge });
    } catch (error) {
      stopReading(req, res);
      throw error;
    }
    try {
      const { file, fields } = validUpload(upload);
      res.status(201).json(await uploadMedia({ db: deps.db, mediaDir: deps.mediaDir, auth: req.auth!, fields, file }));
    } finally {
      if (upload.file) await rm(upload.file.path, { force: true });
    }
  });

  const sendMedia =
    (variant: TMediaVariant): RequestHandler =>
    async (req, res, next) => {
      const id = ZId.safeParse(req.params.id);
      const found = await getMediaFile({ db: deps.db, auth: req.auth!, id: id.success ? id.data : '', variant });
      res.type(found.mime);
      // `root` confines the stored relative path to the media directory (no `..`, no dotfiles).
      res.sendFile(found.path, { root: deps.mediaDir, dotfiles: 'deny', cacheControl: false, headers: { 'Cache-Control': 'private, max-age=3600' } }, (err) => {
        if (err && !res.headersSent) next(new AppError('not_found'));
      });
    };
  const idOf = (raw: unknown) => {
    const id = ZId.safeParse(raw);
    return id.success ? id.data : '';
  };
  router.get('/:id', async (req, res) => {
    res.json(await getMedia({ db: deps.db, auth: req.auth!, id: idOf(req.params.id) }));
  });
  router.patch('/:id', async (req, res) => {
    res.json(await updateMedia({ db: deps.db, auth: req.auth!, id: idOf(req.params.id), input: parseInput(ZUpdateMediaRequest, req.body) }));
  });
  router.get('/:id/file', sendMedia('file'));
  router.get('/:id/thumbnail', sendMedia('thumbnail'));
  return router;
}
