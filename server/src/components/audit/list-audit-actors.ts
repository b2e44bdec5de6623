import type { TAuditActor } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { assertMayReadAudit } from './audit-dto';

/** Every person (about 100), deactivated ones included: their past actions stay in the log. */
export async function listAuditActors(o: { db: TDatabase; auth: TAuth }): Promise<TAuditActor[]> {
  assertMayReadAudit(o.auth);
  const rows = await o.db.selectFrom('user').select(['id', 'username', 'name']).orderBy('name').orderBy('username').execute();
  return rows.map((r) => ({ id: r.id, username: r.username, name: r.name }));
}
