import { randomUUID } from 'node:crypto';
import type { TAdminOpd, TCreateOpdRequest } from '@siar/shared';
import { appendAuditEvent, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { isUniqueViolation, taken } from './admin-errors';
import { toAdminOpds } from './opd-dto';
import { insertOpd, opdCodeOwner, opdNameOwner } from './opds.repository';

export async function createOpd(o: { db: TDatabase; auth: TAuth; input: TCreateOpdRequest }): Promise<TAdminOpd> {
  const { db, auth, input } = o;
  if (await opdCodeOwner(db, input.code)) throw taken('code', 'opd_code_taken');
  if (await opdNameOwner(db, input.name)) throw taken('name', 'opd_name_taken');
  const row = {
    id: randomUUID(),
    name: input.name,
    code: input.code,
    requires_approval: input.requiresApproval ? 1 : 0,
    weekly_target: input.weeklyTarget,
    created_at: new Date().toISOString(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await insertOpd(trx, row);
      await appendAuditEvent(trx, {
        actorId: auth.userId,
        action: 'opd.created',
        entity: 'opd',
        entityId: row.id,
        opdId: row.id,
        details: { name: row.name, code: row.code, requiresApproval: input.requiresApproval, weeklyTarget: row.weekly_target },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken('code', 'opd_code_taken');
    throw err;
  }
  const [dto] = await toAdminOpds(db, [row]);
  return dto!;
}
