import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { open, seal, type TDatabase, type TGrantedAccount, type TKeyRing } from '@siar/shared/node';
import { STATE_TTL_MS } from './oauth-states.repository';

/**
 * The pending choice after a consent that covers several accounts (Facebook Login is the first
 * such: its Pages and their Instagram accounts). Generic: nothing here knows a platform.
 */
const ZStoredAccounts = z.array(
  z.object({
    platform: z.string(),
    externalId: z.string(),
    handle: z.string(),
    displayName: z.string(),
    linkedTo: z.string().optional(),
    credentials: z.object({ accessToken: z.string(), refreshToken: z.string().optional(), expiresAt: z.string().optional() }),
  }),
);

const boundTo = (id: string) => `pending_connect:${id}:accounts`;

/** Stores what the consent gave (tokens sealed, bound to the row) and answers the id to choose with. */
export async function savePendingConnect(db: TDatabase, ring: TKeyRing, o: { grantName: string; sessionHash: string; userId: string; opdId: string; accounts: TGrantedAccount[] }): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  await db
    .insertInto('pending_connect')
    .values({
      id,
      grant_name: o.grantName,
      session_hash: o.sessionHash,
      user_id: o.userId,
      opd_id: o.opdId,
      accounts: seal(ring, JSON.stringify(o.accounts), boundTo(id)),
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + STATE_TTL_MS).toISOString(),
      used_at: null,
    })
    .execute();
  // Tokens of choices never made do not stay around.
  await db.deleteFrom('pending_connect').where('expires_at', '<', new Date(now - STATE_TTL_MS).toISOString()).execute();
  return id;
}

export type TPendingConnect = { id: string; grantName: string; userId: string; opdId: string; expiresAt: string; accounts: z.infer<typeof ZStoredAccounts> };

/**
 * A pending choice usable by this session: known, of this grant, made by this session, not
 * used, not expired. Anything else is `undefined` (the caller answers 404: no existence leak).
 */
export async function findPendingConnect(db: TDatabase, ring: TKeyRing, o: { id: string; grantName: string; sessionHash: string }): Promise<TPendingConnect | undefined> {
  if (!z.uuid().safeParse(o.id).success) return undefined;
  const row = await db.selectFrom('pending_connect').selectAll().where('id', '=', o.id).where('grant_name', '=', o.grantName).executeTakeFirst();
  if (!row || row.session_hash !== o.sessionHash || row.used_at !== null || row.expires_at < new Date().toISOString()) return undefined;
  const accounts = ZStoredAccounts.safeParse(JSON.parse(open(ring, row.accounts, boundTo(row.id))));
  if (!accounts.success) return undefined;
  return { id: row.id, grantName: row.grant_name, userId: row.user_id, opdId: row.opd_id, expiresAt: row.expires_at, accounts: accounts.data };
}

/** Takes the choice once (inside the transaction that adds the accounts): a replay finds it used, and the tokens it held are gone. */
export async function consumePendingConnect(db: TDatabase, id: string): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await db.updateTable('pending_connect').set({ used_at: now, accounts: '' }).where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>=', now).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
