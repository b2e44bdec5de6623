import { open, seal, type TKeyRing } from '../../crypto/secret-box';
import type { TCredentials } from '../../platforms/adapter';
import type { TDatabase } from '../database';
import { isoNow } from '../time';

/** The associated data that binds a ciphertext to its row. */
function boundTo(accountId: string): string {
  return `social_account:${accountId}:credentials`;
}

export function sealCredentials(ring: TKeyRing, accountId: string, credentials: TCredentials): string {
  return seal(ring, JSON.stringify(credentials), boundTo(accountId));
}

export function openCredentials(ring: TKeyRing, accountId: string, sealed: string): TCredentials {
  return JSON.parse(open(ring, sealed, boundTo(accountId))) as TCredentials;
}

export async function saveCredentials(db: TDatabase, ring: TKeyRing, accountId: string, credentials: TCredentials): Promise<void> {
  await db
    .updateTable('social_account')
    .set({
      credentials: sealCredentials(ring, accountId, credentials),
      token_expires_at: credentials.expiresAt ?? null,
      updated_at: isoNow(),
    })
    .where('id', '=', accountId)
    .execute();
}
