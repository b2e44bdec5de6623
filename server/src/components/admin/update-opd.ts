import { AppError, type TAdminOpd, type TUpdateOpdRequest } from '@siar/shared';
import { appendAuditEvent, type OpdTable, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { isUniqueViolation, taken } from './admin-errors';
import { toAdminOpds } from './opd-dto';
import { findOpdRow, opdCodeOwner, opdNameOwner, updateOpdRow } from './opds.repository';

/** The fields that differ, with their old and new values (for the row and for the audit log). */
function diff(current: OpdTable, input: TUpdateOpdRequest) {
  const next = {
    name: input.name ?? current.name,
    code: input.code ?? current.code,
    requires_approval: input.requiresApproval === undefined ? current.requires_approval : input.requiresApproval ? 1 : 0,
    weekly_target: input.weeklyTarget ?? current.weekly_target,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== current[k]);
  return {
    row: Object.fromEntries(changed.map((k) => [k, next[k]])),
    audit: Object.fromEntries(changed.map((k) => [k, { from: current[k], to: next[k] }])),
  };
}

/** Any subset of the settings; a change that changes nothing writes nothing. */
export async function updateOpd(o: { db: TDatabase; auth: TAuth; id: string; input: TUpdateOpdRequest }): Promise<TAdminOpd> {
  const { db, auth, id, input } = o;
  const current = await findOpdRow(db, id);
  if (!current) throw new AppError('not_found');
  const owner = input.code === undefined ? undefined : await opdCodeOwner(db, input.code);
  if (owner && owner !== id) throw taken('code', 'opd_code_taken');
  const nameOwner = input.name === undefined ? undefined : await opdNameOwner(db, input.name);
  if (nameOwner && nameOwner !== id) throw taken('name', 'opd_name_taken');
  const changes = diff(current, input);
  if (Object.keys(changes.row).length) {
    try {
      await db.transaction().execute(async (trx) => {
        await updateOpdRow(trx, id, changes.row);
        await appendAuditEvent(trx, {
          actorId: auth.userId,
          action: 'opd.updated',
          entity: 'opd',
          entityId: id,
          opdId: id,
          details: { code: input.code ?? current.code, changes: changes.audit },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw taken('code', 'opd_code_taken');
      throw err;
    }
  }
  const [dto] = await toAdminOpds(db, [(await findOpdRow(db, id))!]);
  return dto!;
}
