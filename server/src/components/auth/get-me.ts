import type { TMe } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { allOpds, opdsOfUser } from './users.repository';

export async function getMe(options: { db: TDatabase; auth: TAuth }): Promise<TMe> {
  const { auth } = options;
  const opds = auth.opdIds === null ? await allOpds(options.db) : await opdsOfUser(options.db, auth.userId);
  return { id: auth.userId, username: auth.username, name: auth.name, role: auth.role, locale: auth.locale, timezone: auth.timezone, opds };
}
