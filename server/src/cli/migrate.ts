import { createDatabase, migrateToLatest } from '@siar/shared/node';
import { loadServerConfig } from '../config/env';

// `npm run migrate`: brings the database to the latest schema (servers also do it at start).
const config = loadServerConfig();
const db = createDatabase({ url: config.databaseUrl });
const applied = await migrateToLatest(db);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
await db.destroy();
