import { CompiledQuery, type Compilable, type QueryResult, type Transaction } from 'kysely';
import type { TDatabase } from './database';
import type { DB } from './schema';

type TExecutor = TDatabase | Transaction<DB>;
type TValue = string | number | null;

const PLACEHOLDER = '\u0000siar-param:';

interface TCompiled {
  sql: string;
  /** Per parameter of the SQL: the name of a value given at run time, or a constant of the query. */
  slots: ({ name: string } | { constant: unknown })[];
}

/**
 * A query of fixed shape whose SQL is built and compiled once per dialect, then run with new
 * values. Kysely builds and compiles a query on every call, which in the publishing hot path
 * cost about a fifth of the worker's time; these few statements run for every delivery.
 *
 * `build` is called once per dialect with placeholders in place of the values: each value must
 * reach the query as a plain value (a comparison, a `set`, an inserted value), unchanged; one that
 * does not (used in a computation, an `in` list whose length varies, or not used at all) is
 * refused when the query is first compiled.
 */
export function reusableQuery<TParams extends Record<string, TValue>, TRow>(build: (db: TExecutor, values: TParams) => Compilable<TRow>) {
  const byDialect = new Map<unknown, TCompiled>();
  function compiledFor(db: TExecutor, names: string[]): TCompiled {
    const dialect = db.getExecutor().adapter.constructor;
    const known = byDialect.get(dialect);
    if (known) return known;
    const placeholders = Object.fromEntries(names.map((n) => [n, `${PLACEHOLDER}${n}`])) as TParams;
    const { sql, parameters } = build(db, placeholders).compile();
    const slots = parameters.map((p) => (typeof p === 'string' && p.startsWith(PLACEHOLDER) ? { name: p.slice(PLACEHOLDER.length) } : { constant: p }));
    const used = new Set(slots.flatMap((s) => ('name' in s ? [s.name] : [])));
    const unused = names.filter((n) => !used.has(n));
    if (unused.length > 0 || parameters.some((p) => typeof p === 'string' && p.includes(PLACEHOLDER) && !p.startsWith(PLACEHOLDER)))
      throw new Error(`reusableQuery: ${unused.join(', ') || 'a value'} does not reach the query as a plain value`);
    const compiled = { sql, slots };
    byDialect.set(dialect, compiled);
    return compiled;
  }
  return {
    async execute(db: TExecutor, values: TParams): Promise<QueryResult<TRow>> {
      const { sql, slots } = compiledFor(db, Object.keys(values));
      const parameters = slots.map((s) => ('name' in s ? values[s.name] : s.constant));
      return db.executeQuery<TRow>(CompiledQuery.raw(sql, parameters));
    },
  };
}
