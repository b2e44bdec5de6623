import { keyIdOf, open, seal, type TDatabase, type TKeyRing } from '@siar/shared/node';

/** Every sealed value Siar stores, with the associated data that binds it to its row. */
async function sealedRows(db: TDatabase) {
  const accounts = await db.selectFrom('social_account').select(['id', 'credentials']).where('credentials', 'is not', null).execute();
  const states = await db.selectFrom('oauth_state').select(['state_hash', 'code_verifier']).execute();
  return [
    ...accounts.map((a) => ({ table: 'social_account' as const, key: a.id, sealed: a.credentials!, aad: `social_account:${a.id}:credentials` })),
    ...states.map((s) => ({ table: 'oauth_state' as const, key: s.state_hash, sealed: s.code_verifier, aad: `oauth_state:${s.state_hash}` })),
  ];
}

export async function rowsNotUnder(db: TDatabase, keyId: string): Promise<number> {
  return (await sealedRows(db)).filter((r) => keyIdOf(r.sealed) !== keyId).length;
}

/**
 * Re-seals every value not yet under the ring's current key. Each row is one conditional update
 * on its old ciphertext, so a crash at any point leaves every row readable, a second run only
 * does what is left, and a row changed meanwhile (a refresh) is left to its own writer.
 */
export async function reencryptAll(db: TDatabase, ring: TKeyRing): Promise<{ reencrypted: number; skipped: number }> {
  let reencrypted = 0;
  let skipped = 0;
  for (const row of await sealedRows(db)) {
    if (keyIdOf(row.sealed) === ring.current.id) continue;
    const resealed = seal(ring, open(ring, row.sealed, row.aad), row.aad);
    const result =
      row.table === 'social_account'
        ? await db.updateTable('social_account').set({ credentials: resealed }).where('id', '=', row.key).where('credentials', '=', row.sealed).executeTakeFirst()
        : await db.updateTable('oauth_state').set({ code_verifier: resealed }).where('state_hash', '=', row.key).where('code_verifier', '=', row.sealed).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) reencrypted += 1;
    else skipped += 1;
  }
  return { reencrypted, skipped };
}
