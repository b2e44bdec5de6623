import { sql } from 'kysely';
import type { TDatabase } from '@siar/shared/node';
import { pgConnection, pgTool } from './postgres-tools';
import { readInventory, type TInventory } from './read-inventory';
import { runCommandOrThrow } from './run-command';

/**
 * pg_dump in custom format, from a snapshot this transaction exports: the inventory (key ids,
 * migrations, counts) and the dump see exactly the same data, while the app keeps writing.
 */
export async function dumpPostgres(o: {
  db: TDatabase;
  databaseUrl: string;
  dest: string;
  binDir: string | undefined;
  inheritedEnv: NodeJS.ProcessEnv;
}): Promise<TInventory> {
  const connection = pgConnection(o.databaseUrl, o.inheritedEnv);
  return o.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const { rows } = await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(trx);
      const inventory = await readInventory(trx);
      const args = ['--format=custom', `--snapshot=${rows[0]!.snapshot}`, `--file=${o.dest}`, `--dbname=${connection.dbname}`];
      await runCommandOrThrow(pgTool('pg_dump', o.binDir), args, { env: connection.env });
      return inventory;
    });
}
