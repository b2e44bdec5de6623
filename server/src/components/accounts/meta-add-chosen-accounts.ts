import { randomUUID } from 'node:crypto';
import { AppError, type TAddChosenAccountsRequest, type TFieldError } from '@siar/shared';
import { appendAuditEvent, saveCredentials, type TDatabase, type TKeyRing, type TLogger } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findAccountsByIds, type TAccountRow } from './accounts.repository';
import { connectExpired, findExistingAccounts, loadChoice } from './meta-connect-choices';
import { consumePendingConnect } from './meta-pending-connect.repository';

/**
 * `POST /api/accounts/connect/:grant/:id`: adds the chosen accounts, each to an OPD (operators:
 * only theirs). An account already in Siar is reconnected in place (same row, its own OPD), never
 * duplicated. Everything is checked first; then one transaction takes the choice (single use),
 * writes the accounts with their sealed tokens, and records each in the audit log.
 */
export async function addChosenAccounts(deps: { db: TDatabase; ring: TKeyRing; logger: TLogger }, o: { auth: TAuth; grant: string; id: string; input: TAddChosenAccountsRequest }): Promise<TAccountRow[]> {
  const pending = await loadChoice(deps, o);
  const chosen = o.input.accounts.map((c) => ({ ...c, offered: pending.accounts.find((a) => a.platform === c.platform && a.externalId === c.externalId) }));
  const notFound: TFieldError[] = [];
  const invalid: TFieldError[] = [];
  chosen.forEach((c, i) => {
    if (!c.offered) invalid.push({ field: `accounts.${i}`, key: 'account_not_offered' });
    if (o.auth.opdIds !== null && !o.auth.opdIds.includes(c.opdId)) notFound.push({ field: `accounts.${i}.opdId`, key: 'opd_not_found' });
  });
  const opdIds = [...new Set(chosen.map((c) => c.opdId))];
  const opds = await deps.db.selectFrom('opd').select('id').where('id', 'in', opdIds).execute();
  chosen.forEach((c, i) => {
    if (!opds.some((r) => r.id === c.opdId) && !notFound.some((e) => e.field === `accounts.${i}.opdId`)) notFound.push({ field: `accounts.${i}.opdId`, key: 'opd_not_found' });
  });
  if (notFound.length) throw new AppError('not_found', { fieldErrors: notFound });
  const existing = await findExistingAccounts(deps.db, chosen);
  const rowOf = (c: { platform: string; externalId: string }) => existing.find((r) => r.platform === c.platform && r.external_id === c.externalId);
  chosen.forEach((c, i) => {
    const row = rowOf(c);
    if (row && o.auth.opdIds !== null && !o.auth.opdIds.includes(row.opd_id)) invalid.push({ field: `accounts.${i}`, key: 'account_other_opd' });
  });
  if (invalid.length) throw new AppError('validation', { fieldErrors: invalid });

  const now = new Date().toISOString();
  const ids = await deps.db.transaction().execute(async (trx) => {
    if (!(await consumePendingConnect(trx, pending.id))) throw connectExpired();
    const written: string[] = [];
    for (const c of chosen) {
      const offered = c.offered!;
      const row = rowOf(c);
      const id = row?.id ?? randomUUID();
      if (row) {
        await trx.updateTable('social_account').set({ handle: offered.handle, display_name: offered.displayName, status: 'active', updated_at: now }).where('id', '=', id).execute();
      } else {
        await trx
          .insertInto('social_account')
          .values({ id, opd_id: c.opdId, platform: c.platform, external_id: c.externalId, handle: offered.handle, display_name: offered.displayName, status: 'active', credentials: null, token_expires_at: null, created_at: now, updated_at: now })
          .execute();
      }
      await saveCredentials(trx, deps.ring, id, offered.credentials);
      await appendAuditEvent(trx, { actorId: o.auth.userId, action: row ? 'account.reconnected' : 'account.connected', entity: 'social_account', entityId: id, opdId: row?.opd_id ?? c.opdId, details: { platform: c.platform, handle: offered.handle } });
      written.push(id);
    }
    return written;
  });
  deps.logger.info({ grant: o.grant, accountIds: ids }, 'accounts connected from a choice');
  // In the order they were chosen (the query's own order is not defined).
  const rows = await findAccountsByIds(deps.db, null, ids);
  return ids.flatMap((id) => rows.filter((row) => row.id === id));
}
