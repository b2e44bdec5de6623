import { Router } from 'express';
import { AppError, ZApprovalListQuery, ZApproveRequest, ZId, ZRejectRequest } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { parseInput } from '../../libraries/http/validate';
import type { TPublishScheduler } from '../../libraries/queue/publish-scheduler';
import type { TNotificationMailer } from '../notifications/notification-mailer';
import { canReview } from './approval-policy';
import { countPendingPosts } from './approvals.repository';
import { decidePost } from './decide-post';
import { getPostHistory } from './get-post-history';
import { listApprovals } from './list-approvals';

function idOf(raw: unknown): string {
  const id = ZId.safeParse(raw);
  return id.success ? id.data : '';
}

/**
 * The approval queue (`/api/approvals`, supervisors and admins), the decisions
 * (`/api/posts/:id/approve|reject`) and a post's own history (`/api/posts/:id/history`).
 * Mounted on /api after the posts router, whose paths these do not overlap.
 */
export function approvalsRouter(deps: { db: TDatabase; scheduler: TPublishScheduler; mailer: TNotificationMailer }): Router {
  const router = Router();
  router.get('/approvals', async (req, res) => {
    res.json(await listApprovals({ db: deps.db, auth: req.auth!, query: parseInput(ZApprovalListQuery, req.query) }));
  });
  router.get('/approvals/count', async (req, res) => {
    if (!canReview(req.auth!)) throw new AppError('forbidden');
    res.json({ count: await countPendingPosts(deps.db) });
  });
  // An operator is refused before the body is even read: deciding is never theirs.
  router.post('/posts/:id/approve', async (req, res) => {
    if (!canReview(req.auth!)) throw new AppError('forbidden');
    const input = parseInput(ZApproveRequest, req.body);
    res.json(
      await decidePost({ ...deps, auth: req.auth!, id: idOf(req.params.id), input: { decision: 'approved', revision: input.revision } }),
    );
  });
  router.post('/posts/:id/reject', async (req, res) => {
    if (!canReview(req.auth!)) throw new AppError('forbidden');
    const input = parseInput(ZRejectRequest, req.body);
    res.json(
      await decidePost({
        ...deps,
        auth: req.auth!,
        id: idOf(req.params.id),
        input: { decision: 'rejected', revision: input.revision, comment: input.comment },
      }),
    );
  });
  router.get('/posts/:id/history', async (req, res) => {
    res.json(await getPostHistory({ db: deps.db, auth: req.auth!, id: idOf(req.params.id) }));
  });
  return router;
}
