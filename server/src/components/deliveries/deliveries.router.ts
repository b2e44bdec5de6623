import { Router } from 'express';
import { ZMarkPublishedRequest } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { parseInput } from '../../libraries/http/validate';
import type { TPublishScheduler } from '../../libraries/queue/publish-scheduler';
import { getPost } from '../posts/get-post';
import { cancelDelivery, markDeliveryPublished, retryDelivery } from './delivery-actions';

/** Each action answers the whole post, as the client shows it. */
export function deliveriesRouter(deps: { db: TDatabase; scheduler: TPublishScheduler; webBaseUrls: Record<string, string> }): Router {
  const router = Router();
  const { db } = deps;
  router.post('/:id/retry', async (req, res) => {
    const postId = await retryDelivery({ ...deps, auth: req.auth!, id: String(req.params.id) });
    res.json(await getPost({ db, auth: req.auth!, id: postId }));
  });
  router.post('/:id/mark-published', async (req, res) => {
    const postId = await markDeliveryPublished({ db, auth: req.auth!, id: String(req.params.id), input: parseInput(ZMarkPublishedRequest, req.body), webBaseUrls: deps.webBaseUrls });
    res.json(await getPost({ db, auth: req.auth!, id: postId }));
  });
  router.post('/:id/cancel', async (req, res) => {
    const postId = await cancelDelivery({ db, auth: req.auth!, id: String(req.params.id) });
    res.json(await getPost({ db, auth: req.auth!, id: postId }));
  });
  return router;
}
