import { AppError, type TPostHistoryEvent } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findPostById } from '../posts/posts.repository';
import { findPostEvents } from './approvals.repository';

function detailsOf(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `GET /api/posts/:id/history`: the post's own audit events, to whoever may see the post (else 404). */
export async function getPostHistory(o: {
  db: TDatabase;
  auth: TAuth;
  id: string;
}): Promise<{ items: TPostHistoryEvent[]; nextCursor: null }> {
  const post = await findPostById(o.db, o.auth.opdIds, o.id);
  if (!post) throw new AppError('not_found');
  const rows = await findPostEvents(o.db, post.id);
  return {
    items: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      action: r.action,
      actorName: r.actor_name ?? null,
      details: detailsOf(r.details),
    })),
    nextCursor: null,
  };
}
