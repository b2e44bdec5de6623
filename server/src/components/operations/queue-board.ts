import type { RequestHandler } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { AppError } from '@siar/shared';

export const QUEUE_BOARD_PATH = '/admin/queues';

function board(queues: Queue[], readOnlyMode: boolean) {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode })), serverAdapter, options: { uiConfig: { boardTitle: 'Siar' } } });
  return serverAdapter.getRouter() as RequestHandler;
}

/** bull-board for admins; supervisors get the same board read-only; others see nothing (404). */
export function queueBoard(queues: Queue[]): RequestHandler {
  const admin = board(queues, false);
  const readOnly = board(queues, true);
  return (req, res, next) => {
    if (req.auth?.role === 'admin') return admin(req, res, next);
    if (req.auth?.role === 'supervisor') return readOnly(req, res, next);
    next(new AppError(req.auth ? 'not_found' : 'unauthenticated'));
  };
}
