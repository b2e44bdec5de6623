import { sql } from 'kysely';
import { keyIdOf, type TDatabase } from '@siar/shared/node';
import type { TBackupManifest } from './backup-manifest';

export type TInventory = Pick<TBackupManifest, 'migrations' | 'encryptionKeyIds' | 'counts'>;

/**
 * What a restorer needs to know about a database: its schema version, which key ids sealed
 * its credentials (ids only: the ciphertexts are never opened here), and how much it holds.
 * Read from the same snapshot the archive holds, so the manifest describes exactly that.
 */
export async function readInventory(db: TDatabase): Promise<TInventory> {
  const sealed = await db.selectFrom('social_account').select('credentials').where('credentials', 'is not', null).execute();
  const keyIds = new Set(sealed.flatMap((r) => (r.credentials ? [keyIdOf(r.credentials) ?? ''] : [])).filter(Boolean));
  const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  const accounts = await db
    .selectFrom('social_account')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const posts = await db
    .selectFrom('post')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const deliveries = await db
    .selectFrom('delivery')
    .select((eb) => ['status', eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  return {
    migrations: migrations.rows.map((r) => r.name),
    encryptionKeyIds: [...keyIds].sort(),
    counts: {
      accounts: Number(accounts.n),
      posts: Number(posts.n),
      deliveries: Object.fromEntries(deliveries.map((d) => [d.status, Number(d.n)])),
    },
  };
}
