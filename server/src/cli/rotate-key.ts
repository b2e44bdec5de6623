import { appendAuditEvent, createDatabase, migrateToLatest, newKeyLine, parseKeyText, type TKeyRing } from '@siar/shared/node';
import { loadServerConfig } from '../config/env';
import { readKeyFile, withNewKey, writeKeyFile } from './rotate-key/key-file-ring';
import { reencryptAll, rowsNotUnder } from './rotate-key/reencrypt';

// `npm run rotate-key`: puts every stored token under a new encryption key.
// With the key file: adds a new key in front (unless a previous run is unfinished, which it
// resumes), re-encrypts every row, then drops the old keys once nothing uses them.
// With SIAR_ENCRYPTION_KEY: it cannot edit the environment; it prints the new key to put in
// front, and re-encrypts once the variable holds it ("new,old").
const config = loadServerConfig();
const db = createDatabase({ url: config.databaseUrl });
await migrateToLatest(db);
/** One audit event per run that re-encrypted: key ids and counts only, never key material. */
const audit = (ring: TKeyRing, source: 'env' | 'key_file', reencrypted: number, remaining: number) =>
  appendAuditEvent(db, { actorId: null, action: 'key.rotated', entity: 'encryption_key', entityId: ring.current.id, details: { source, keyId: ring.current.id, previousKeyIds: ring.previous.map((k) => k.id), reencrypted, remaining } });
try {
  if (config.SIAR_ENCRYPTION_KEY) {
    const ring = parseKeyText(config.SIAR_ENCRYPTION_KEY);
    if ((await rowsNotUnder(db, ring.current.id)) === 0 && ring.previous.length === 0) {
      console.log(`Everything is sealed under ${ring.current.id}. To rotate, set SIAR_ENCRYPTION_KEY="${newKeyLine()},<the current value>" everywhere, restart, and run npm run rotate-key again.`);
    } else {
      const done = await reencryptAll(db, ring);
      const left = await rowsNotUnder(db, ring.current.id);
      await audit(ring, 'env', done.reencrypted, left);
      console.log(`re-encrypted ${done.reencrypted} value(s) under ${ring.current.id}; ${left} left.${left === 0 ? ' The old keys can now be removed from SIAR_ENCRYPTION_KEY.' : ' Run again.'}`);
      if (left) process.exitCode = 1;
    }
  } else {
    let ring = readKeyFile(config.keyFile);
    const pending = await rowsNotUnder(db, ring.current.id);
    if (pending === 0) {
      ring = withNewKey(ring);
      writeKeyFile(config.keyFile, ring);
      console.log(`new key ${ring.current.id} written to ${config.keyFile} (running servers and workers read it when they meet it)`);
    } else console.log(`resuming: ${pending} value(s) not yet under ${ring.current.id}`);
    const done = await reencryptAll(db, ring);
    const left = await rowsNotUnder(db, ring.current.id);
    await audit(ring, 'key_file', done.reencrypted, left);
    if (left === 0) writeKeyFile(config.keyFile, { current: ring.current, previous: [] });
    console.log(`re-encrypted ${done.reencrypted} value(s); ${left} left${left === 0 ? '; old keys removed from the key file' : ': run again'}`);
    if (left) process.exitCode = 1;
  }
} finally {
  await db.destroy();
}
