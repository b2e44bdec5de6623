import type { TAuditListQuery } from '@siar/shared';
import { chainAuditOutbox, type TDatabase } from '@siar/shared/node';

export type TAuditFilters = Omit<TAuditListQuery, 'cursor' | 'limit'>;

/**
 * Newest first, keyset-paginated on seq (the chain's order): each page costs the same however
 * far back it is. `before` is the seq of the last event already shown.
 */
export async function findAuditPage(db: TDatabase, filters: TAuditFilters, before: number | undefined, limit: number) {
  // Events still waiting in the outbox (publish outcomes of the last second) are chained first.
  await chainAuditOutbox(db);
  let query = db
    .selectFrom('audit_event')
    .leftJoin('user', 'user.id', 'audit_event.actor_id')
    .leftJoin('opd', 'opd.id', 'audit_event.opd_id')
    .select([
      'audit_event.seq',
      'audit_event.at',
      'audit_event.actor_id',
      'user.username as actor_username',
      'user.name as actor_name',
      'audit_event.action',
      'audit_event.entity',
      'audit_event.entity_id',
      'audit_event.opd_id',
      'opd.name as opd_name',
      'opd.code as opd_code',
      'audit_event.details',
      'audit_event.hash',
    ]);
  if (filters.opdId) query = query.where('audit_event.opd_id', '=', filters.opdId);
  if (filters.actorId) query = query.where('audit_event.actor_id', '=', filters.actorId);
  if (filters.action) query = query.where('audit_event.action', '=', filters.action);
  if (filters.from) query = query.where('audit_event.at', '>=', new Date(filters.from).toISOString());
  if (filters.to) query = query.where('audit_event.at', '<', new Date(filters.to).toISOString());
  if (before !== undefined) query = query.where('audit_event.seq', '<', before);
  return query.orderBy('audit_event.seq', 'desc').limit(limit).execute();
}

export type TAuditRow = Awaited<ReturnType<typeof findAuditPage>>[number];
