import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { TDatabase } from './database';
import * as m0001 from './migrations/0001-initial';
import * as m0002 from './migrations/0002-delivery-attempts';

// Static list rather than a folder scan: works the same under tsx, bundlers and tests.
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-delivery-attempts': m0002,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: TDatabase): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
