import { Router } from 'express';
import { ZCreatePostRequest, ZId, ZPostListQuery } from '@siar/shared';
import type { TDatabase, TLogger } from '@siar/shared/node';
import { parseInput } from '../../libraries/http/validate';
import type { TPublishScheduler } from '../../libraries/queue/publish-scheduler';
import { createPost } from './create-post';
import { getPost } from './get-post';
import { listPosts } from './list-posts';

export function postsRouter(deps: { db: TDatabase; scheduler: TPublishScheduler; logger: TLogger }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await listPosts({ db: deps.db, auth: req.auth!, query: parseInput(ZPostListQuery, req.query) }));
  });
  router.post('/', async (req, res) => {
    const input = parseInput(ZCreatePostRequest, req.body);
    res.status(201).json(await createPost({ ...deps, auth: req.auth!, input }));
  });
  router.get('/:id', async (req, res) => {
    const id = ZId.safeParse(req.params.id);
    res.json(await getPost({ db: deps.db, auth: req.auth!, id: id.success ? id.data : '' }));
  });
  return router;
}
