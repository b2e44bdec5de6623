import { chainAuditOutbox, createDatabase, verifyAuditChain } from '@siar/shared/node';
import { loadServerConfig } from '../config/env';

// `npm run audit:verify`: chains the events still waiting in the outbox, then walks the audit
// log's hash chain and recomputes every hash.
// Exit 0 and "OK: N events" when every event follows; exit 1 naming the first event that does not.
const config = loadServerConfig();
const db = createDatabase({ url: config.databaseUrl });
try {
  await chainAuditOutbox(db);
  const result = await verifyAuditChain(db);
  if (result.ok) {
    console.log(`OK: ${result.count} events`);
    // Keep this line somewhere else: a chain cut short at its end is still a valid chain.
    if (result.head) console.log(`head: seq ${result.head.seq}, hash ${result.head.hash}`);
  } else {
    const { seq, action, at, reason } = result.broken;
    const why = {
      seq: 'an event is missing or inserted before it',
      link: 'its prev_hash is not the previous event’s hash',
      hash: 'its content does not match its hash',
    }[reason];
    console.log(`BROKEN: event seq ${seq} (${action}, ${at}): ${why}. ${result.count} events before it verified.`);
    process.exitCode = 1;
  }
} catch (err) {
  console.error(`audit:verify could not read the audit log: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
} finally {
  await db.destroy();
}
