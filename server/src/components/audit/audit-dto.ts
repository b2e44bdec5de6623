import { AppError, type TAuditEvent } from '@siar/shared';
import type { TAuth } from '../../libraries/http/auth-context';
import type { TAuditRow } from './audit.repository';

/** The audit log is for admins and Diskominfo supervisors; operators are refused outright. */
export function assertMayReadAudit(auth: TAuth): void {
  if (auth.role !== 'admin' && auth.role !== 'supervisor') throw new AppError('forbidden');
}

export function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    // A row edited by hand: show it as it is rather than fail the page.
    return { raw: text };
  }
}

export function toAuditEventDto(row: TAuditRow): TAuditEvent {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorUsername: row.actor_username,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    opdId: row.opd_id,
    opdName: row.opd_name,
    details: parseDetails(row.details),
  };
}
