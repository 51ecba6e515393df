import type { Store } from './store.js';

/** Rows at least this many make a bulk insert (see withIndexesRebuilt). */
const BULK = 1_000;

/**
 * Run `insert`, which adds `rows` rows to the table of `indexes`, with those indexes dropped
 * first and built again after from their stored definitions, when that is the cheaper way:
 * inside a transaction (a failure restores them with everything else), for at least BULK rows
 * and more than the table holds already (a first import of a whole college). One sort then
 * replaces an insert at a scattered place in each index per row: ~0.1 s of a 100,000-row
 * import (bench/run.js import). Only for indexes no statement of `insert` reads.
 */
export function withIndexesRebuilt<T>(store: Store, indexes: readonly string[], rows: number, insert: () => T): T {
  if (rows < BULK || !store.db.inTransaction) return insert();
  const stored = indexes.map((name) => store.get<{ sql: string; tbl_name: string }>("SELECT sql, tbl_name FROM sqlite_schema WHERE type = 'index' AND name = ?", name)!);
  // Table names from the schema itself, never from input.
  const tables = [...new Set(stored.map((s) => s.tbl_name))];
  if (tables.some((table) => rows <= store.get<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`)!.n)) return insert();
  for (const name of indexes) store.db.exec(`DROP INDEX ${name}`);
  const result = insert();
  for (const { sql } of stored) store.db.exec(sql);
  return result;
}
