import type { Transaction } from 'kysely';
import type { TDatabase } from './database';
import type { DB } from './schema';

export type TWork<T> = (trx: Transaction<DB>) => Promise<T>;
export type TTransactionRunner = <T>(db: TDatabase, work: TWork<T>) => Promise<T>;

const plainTransaction: TTransactionRunner = (db, work) => db.transaction().execute(work);

export interface TGroupCommit {
  /**
   * Runs `work` in a transaction shared with the works submitted at the same moment, and
   * answers once that transaction has committed. `key` orders the works of one transaction
   * (give the row the work locks first, so that two processes' transactions never wait on each
   * other in a cycle).
   */
  run<T>(key: string, work: TWork<T>): Promise<T>;
}

/**
 * Group commit. A burst of small transactions (a worker's fifty claims, or their fifty
 * outcomes) each paying for its own BEGIN, COMMIT and flush to disk becomes a few transactions
 * that each pay once. Works submitted in the same turn of the event loop, or while the previous
 * shared transaction runs, go into the next one (at most `maxPerCommit`); alone, a work gets a
 * transaction of its own as before. Each work is still committed before its promise resolves.
 *
 * A work must only touch the database (no calls out, no effects outside the transaction) and
 * must be safe to run again: if the shared transaction fails, nothing of it was committed, and
 * every work in it runs again in a transaction of its own, so one failing work fails alone.
 */
export function createGroupCommit(db: TDatabase, o: { transaction?: TTransactionRunner; maxPerCommit?: number } = {}): TGroupCommit {
  const transaction = o.transaction ?? plainTransaction;
  const maxPerCommit = o.maxPerCommit ?? 64;
  type TWaiting = { key: string; work: TWork<unknown>; resolve: (value: unknown) => void; reject: (err: unknown) => void };
  const waiting: TWaiting[] = [];
  let flushing = false;

  const alone = (w: TWaiting) => transaction(db, w.work).then(w.resolve, w.reject);

  async function flush(): Promise<void> {
    try {
      while (waiting.length > 0) {
        const batch = waiting.splice(0, maxPerCommit).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        if (batch.length === 1) {
          await alone(batch[0]!);
          continue;
        }
        let results: unknown[] | undefined;
        try {
          results = await transaction(db, async (trx) => {
            const out: unknown[] = [];
            for (const w of batch) out.push(await w.work(trx));
            return out;
          });
        } catch {
          results = undefined;
        }
        if (results) batch.forEach((w, i) => w.resolve(results[i]));
        else for (const w of batch) await alone(w);
      }
    } finally {
      flushing = false;
      if (waiting.length > 0) schedule();
    }
  }

  function schedule(): void {
    flushing = true;
    setImmediate(() => void flush());
  }

  return {
    run<T>(key: string, work: TWork<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ key, work: work as TWork<unknown>, resolve: resolve as (value: unknown) => void, reject });
        if (!flushing) schedule();
      });
    },
  };
}
