import { createRequire } from 'node:module';
import type TableClass from 'cli-table3';
import type { Context } from './context.js';
import { terminalSafe } from '../core/excerpt.js';

/**
 * cli-table3, loaded with the first table drawn: a command that imports this module but prints
 * no table this run (`year rollover`, whose lists are plain lines) starts without it.
 */
let Table: typeof TableClass | undefined;

/** The cli-table3 class, loaded on first use. */
export function tableClass(): typeof TableClass {
  return (Table ??= createRequire(import.meta.url)('cli-table3') as typeof TableClass);
}

export type Cell = string | number | null | undefined;

/** Print rows as a table on stdout; plain characters, colour only where the context allows. */
export function printTable(ctx: Context, headers: string[], rows: Cell[][]): void {
  const Table = tableClass();
  const table = new Table({
    head: headers.map((h) => ctx.out.bold(h)),
    style: { head: [], border: [] },
    // No rule between rows: long lists stay readable and half as tall.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) table.push(row.map((c) => (c === null || c === undefined ? '' : terminalSafe(String(c)))));
  ctx.print(table.toString());
}

/** Print `label: value` lines for one record. */
export function printRecord(ctx: Context, fields: [string, Cell][]): void {
  const width = Math.max(...fields.map(([label]) => label.length));
  for (const [label, value] of fields) ctx.print(`${ctx.out.bold(label.padEnd(width))}  ${terminalSafe(String(value ?? ''))}`);
}
