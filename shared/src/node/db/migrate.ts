import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { TDatabase } from './database';
import * as m0001 from './migrations/0001-initial';
import * as m0002 from './migrations/0002-delivery-attempts';
import * as m0003 from './migrations/0003-oauth-states';
import * as m0004 from './migrations/0004-media-alt-text';
import * as m0005 from './migrations/0005-queue-slots';
import * as m0006 from './migrations/0006-imports';
import * as m0007 from './migrations/0007-governance';
import * as m0008 from './migrations/0008-threads';
import * as m0009 from './migrations/0009-meta';
import * as m0010 from './migrations/0010-approvals';
import * as m0011 from './migrations/0011-activity';
import * as m0012 from './migrations/0012-engagement';
import * as m0013 from './migrations/0013-audit-outbox';
import * as m0014 from './migrations/0014-post-reach';

// Static list rather than a folder scan: works the same under tsx, bundlers and tests.
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-delivery-attempts': m0002,
  '0003-oauth-states': m0003,
  '0004-media-alt-text': m0004,
  '0005-queue-slots': m0005,
  '0006-imports': m0006,
  '0007-governance': m0007,
  '0008-threads': m0008,
  '0009-meta': m0009,
  '0010-approvals': m0010,
  '0011-activity': m0011,
  '0012-engagement': m0012,
  '0013-audit-outbox': m0013,
  '0014-post-reach': m0014,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date. PostgreSQL serializes concurrent migrators with a lock; SQLite's
 * lock in Kysely is per connection, so when a server and a worker start together on a new file
 * one of them loses the race: its migration rolls back, and it tries again on the updated schema.
 */
export async function migrateToLatest(db: TDatabase, attempts = 5): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    if (attempts > 1) {
      await new Promise((r) => setTimeout(r, 300));
      return migrateToLatest(db, attempts - 1);
    }
    throw error instanceof Error ? error : new Error(String(error));
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
