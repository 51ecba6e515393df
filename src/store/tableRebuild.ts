/**
 * Changing a table's constraints, which SQLite's ALTER TABLE cannot do: the table is made
 * again under its own name with its rows, indexes and triggers (the procedure of SQLite's
 * "Making Other Kinds Of Table Schema Changes"). For migrations, which run with foreign key
 * enforcement off and check every reference once at their end.
 */
import type { Db } from './store.js';

/**
 * A CHECK that names a column's allowed values as a list, `CHECK (kind IN ('a', 'b', 'c'))`,
 * written as the same test in a chain of comparisons, `CHECK (kind = 'a' OR kind = 'b' OR
 * kind = 'c')`. SQLite builds a lookup table for the list each time it checks a row (~1 µs,
 * a tenth of the chain's cost at three values or more): 75 ms of a rollover's 100,000
 * outcomes. Other CHECKs are left as they are. Error when a list holds anything but string
 * and integer literals: the chain would not be the same test.
 */
export function valueListChecksAsChains(sql: string): string {
  return sql.replace(/CHECK \((\w+) IN \(([^()]*)\)\)/g, (_, column: string, list: string) => {
    const values = list.split(',').map((v) => v.trim());
    const literal = /^(?:'[^',]*'|-?\d+)$/;
    if (!values.every((v) => literal.test(v))) throw new Error(`not a list of literals: CHECK (${column} IN (${list}))`);
    return `CHECK (${values.map((v) => `${column} = ${v}`).join(' OR ')})`;
  });
}

/**
 * Make table `name` again as `rewrite` turns its CREATE TABLE statement, keeping its rows
 * (same columns, same order), indexes and triggers. Run inside a transaction with foreign
 * key enforcement off (dropping the old table must not touch the rows that refer to it); the
 * caller checks the references after. Returns whether the table changed.
 */
export function rebuildTable(db: Db, name: string, rewrite: (sql: string) => string): boolean {
  const table = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name);
  if (!table) throw new Error(`no table ${name}`);
  const sql = rewrite(table.sql);
  if (sql === table.sql) return false;
  const dependents = db
    .prepare<[string], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL ORDER BY type, name")
    .all(name)
    .map((d) => d.sql);
  const staging = `${name}__rebuilt`;
  const created = sql.replace(/^CREATE TABLE (?:"[^"]+"|\w+)/, `CREATE TABLE "${staging}"`);
  if (created === sql) throw new Error(`not a CREATE TABLE statement: ${name}`);
  db.exec(created);
  db.exec(`INSERT INTO "${staging}" SELECT * FROM "${name}"`);
  db.exec(`DROP TABLE "${name}"`);
  db.exec(`ALTER TABLE "${staging}" RENAME TO "${name}"`);
  for (const d of dependents) db.exec(d);
  return true;
}
