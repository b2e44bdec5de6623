import { Router } from 'express';
import { ZCreatePostRequest, ZId, ZPostCheckRequest, ZPostListQuery, ZUpdatePostRequest } from '@siar/shared';
import type { TDatabase, TLogger, TPlatformSettings } from '@siar/shared/node';
import { previewPost } from './preview-post';
import { createJsonCache, sendCachedJson } from '../../libraries/http/cached-json';
import { parseInput } from '../../libraries/http/validate';
import type { TPublishScheduler } from '../../libraries/queue/publish-scheduler';
import { cancelPost } from './cancel-post';
import { createPost } from './create-post';
import { getPost } from './get-post';
import { listPosts } from './list-posts';
import { updatePost } from './update-post';
import type { TPublishJobRemover } from '../approvals/publish-jobs';
import type { TNotificationMailer } from '../notifications/notification-mailer';

export function postsRouter(deps: { db: TDatabase; scheduler: TPublishScheduler; logger: TLogger; settings: Record<string, TPlatformSettings>; jobs?: TPublishJobRemover; mailer?: TNotificationMailer }): Router {
  const router = Router();
  const idOf = (raw: unknown) => {
    const id = ZId.safeParse(raw);
    return id.success ? id.data : '';
  };
  const listCache = createJsonCache();
  router.get('/', async (req, res) => {
    const auth = req.auth!;
    const query = parseInput(ZPostListQuery, req.query);
    // Besides the database, the list depends on the scope this request was authorized with and
    // on the locale (delivery errors are translated); nothing in it is computed from the clock.
    const key = JSON.stringify([auth.userId, auth.role, auth.opdIds, auth.locale, query]);
    await sendCachedJson(req, res, { cache: listCache, db: deps.db, key, compute: () => listPosts({ db: deps.db, auth, query }) });
  });
  router.post('/', async (req, res) => {
    const input = parseInput(ZCreatePostRequest, req.body);
    res.status(201).json(await createPost({ ...deps, auth: req.auth!, input }));
  });
  router.post('/check', async (req, res) => {
    res.json(await previewPost({ ...deps, auth: req.auth!, input: parseInput(ZPostCheckRequest, req.body) }));
  });
  router.get('/:id', async (req, res) => {
    res.json(await getPost({ db: deps.db, auth: req.auth!, id: idOf(req.params.id) }));
  });
  router.patch('/:id', async (req, res) => {
    res.json(await updatePost({ ...deps, auth: req.auth!, id: idOf(req.params.id), input: parseInput(ZUpdatePostRequest, req.body) }));
  });
  router.post('/:id/cancel', async (req, res) => {
    res.json(await cancelPost({ db: deps.db, auth: req.auth!, id: idOf(req.params.id) }));
  });
  router.post('/:id/publish-now', async (req, res) => {
    res.json(await updatePost({ ...deps, auth: req.auth!, id: idOf(req.params.id), input: { scheduledAt: new Date().toISOString() } }));
  });
  return router;
}
