import { AppError, ZPlatformId, type TConnectCandidate, type TConnectChoices } from '@siar/shared';
import type { TDatabase, TKeyRing } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findPendingConnect, type TPendingConnect } from './meta-pending-connect.repository';

export const connectExpired = () => new AppError('not_found', { fieldErrors: [{ field: 'id', key: 'connect_expired' }] });

/** The pending choice of this session, or 404: unknown, used, expired and another session's look alike. */
export async function loadChoice(deps: { db: TDatabase; ring: TKeyRing }, o: { auth: TAuth; grant: string; id: string }): Promise<TPendingConnect> {
  if (o.auth.role === 'supervisor') throw new AppError('forbidden');
  const pending = await findPendingConnect(deps.db, deps.ring, { id: o.id, grantName: o.grant, sessionHash: o.auth.sessionHash });
  if (!pending || pending.userId !== o.auth.userId) throw connectExpired();
  return pending;
}

/** Siar accounts that already are these platform accounts, with their OPD. */
export async function findExistingAccounts(db: TDatabase, offered: { platform: string; externalId: string }[]) {
  if (offered.length === 0) return [];
  const rows = await db
    .selectFrom('social_account')
    .innerJoin('opd', 'opd.id', 'social_account.opd_id')
    .select(['social_account.id', 'social_account.platform', 'social_account.external_id', 'social_account.opd_id', 'social_account.status', 'opd.name as opd_name'])
    .where('social_account.platform', 'in', [...new Set(offered.map((a) => a.platform))])
    .where('social_account.external_id', 'in', offered.map((a) => a.externalId))
    .execute();
  return rows.filter((r) => offered.some((a) => a.platform === r.platform && a.externalId === r.external_id));
}

/**
 * `GET /api/accounts/connect/:grant/:id`: the accounts the consent reached, each with the Siar
 * account it already is (choosing it again reconnects that one) and whether this person may
 * choose it. Never a token.
 */
export async function listConnectChoices(deps: { db: TDatabase; ring: TKeyRing }, o: { auth: TAuth; grant: string; id: string }): Promise<TConnectChoices> {
  const pending = await loadChoice(deps, o);
  const known = pending.accounts.filter((a) => ZPlatformId.safeParse(a.platform).success);
  const existing = await findExistingAccounts(deps.db, known);
  const candidates: TConnectCandidate[] = known.map((a) => {
    const row = existing.find((r) => r.platform === a.platform && r.external_id === a.externalId);
    return {
      platform: ZPlatformId.parse(a.platform),
      externalId: a.externalId,
      handle: a.handle,
      displayName: a.displayName,
      linkedTo: a.linkedTo ?? null,
      connected: row ? { accountId: row.id, opdId: row.opd_id, opdName: row.opd_name, status: row.status } : null,
      selectable: !row || o.auth.opdIds === null || o.auth.opdIds.includes(row.opd_id),
    };
  });
  let opds = deps.db.selectFrom('opd').select(['id', 'name']).orderBy('name');
  if (o.auth.opdIds !== null) opds = opds.where('id', 'in', o.auth.opdIds.length ? o.auth.opdIds : ['']);
  return { id: pending.id, grant: pending.grantName, opdId: pending.opdId, expiresAt: pending.expiresAt, candidates, opds: await opds.execute() };
}
