/**
 * Where a table starts and ends in a sheet a person made: title rows above the header
 * ("Список обучающихся группы ИС-25"), Excel's `sep=;` line, a header split over two rows
 * (`ФИО` merged over `Фамилия | Имя | Отчество`, `Приказ о зачислении` over `номер | дата`),
 * and a total row at the bottom ("Итого: 7"). Pure; rows are trimmed cell texts, 0-based.
 */
import { t } from '../core/i18n.js';
import { normalizeHeader, type FieldSpec } from './fields.js';

export interface HeaderOptions {
  /** How many rows from the top may hold the header; default 20. */
  maxScan?: number;
  /** How many fields a header row must name; default 2 (1 when there is one field). */
  minMatches?: number;
}

export interface HeaderFound<F extends string> {
  found: true;
  /** The last header row (0-based): data starts after it. */
  index: number;
  /** The first header row: `index - 1` for a header split over two rows, else `index`. */
  first: number;
  /**
   * One label per column, to hand to the column mapping (headers.ts mapColumns): the cell as
   * written, or, for a split header, the lower cell when it names a field by itself, else the
   * alias that the two cells together matched (`Приказ о зачислении` + `дата` → `Дата приказа`).
   */
  headers: string[];
  /** One label per column for people: split headers as `Приказ о зачислении / дата`. */
  labels: string[];
  /** Field → column index. */
  columns: Partial<Record<F, number>>;
  matched: number;
}

export interface HeaderNotFound {
  found: false;
  /** For the message: what was looked for, and the closest row (catalogue `header_not_found`). */
  lookedFor: string;
  best?: { index: number; cells: string[]; matched: number; description: string };
}

export type HeaderSearch<F extends string> = HeaderFound<F> | HeaderNotFound;

/** `sep=;` (Excel's delimiter hint on the first line of a CSV) → `;`, else undefined. */
export function sepHint(firstLine: string): string | undefined {
  const m = /^\uFEFF?\s*"?sep=(.)"?[,;\t]*\s*$/i.exec(firstLine);
  return m?.[1];
}

/** A word's stem for comparing headers in different grammatical cases: приказа ~ приказ. */
function stem(word: string): string {
  return word.slice(0, Math.max(4, word.length - 2));
}

function words(label: string): string[] {
  return label
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 || /\d/.test(w));
}

function sameWord(a: string, b: string): boolean {
  const [sa, sb] = [stem(a), stem(b)];
  return sa.startsWith(sb) || sb.startsWith(sa);
}

interface Matcher<F extends string> {
  fields: F[];
  exact: Map<string, F>;
  /** Every alias as words, for the split header's compound labels. */
  phrases: { field: F; alias: string; words: string[] }[];
}

function matcher<F extends string>(fields: Record<F, FieldSpec>): Matcher<F> {
  const names = Object.keys(fields) as F[];
  const exact = new Map<string, F>();
  const phrases: Matcher<F>['phrases'] = [];
  for (const field of names) {
    for (const alias of [field, ...fields[field].aliases]) {
      const key = normalizeHeader(alias);
      if (key && !exact.has(key)) exact.set(key, field);
      const w = words(alias);
      if (w.length > 1) phrases.push({ field, alias, words: w });
    }
  }
  return { fields: names, exact, phrases };
}

interface Labelled<F extends string> {
  headers: string[];
  labels: string[];
  columns: Partial<Record<F, number>>;
}

/** One row as the header: exact matches only, as mapColumns does; the first column wins. */
function single<F extends string>(row: string[], m: Matcher<F>): Labelled<F> {
  const columns: Partial<Record<F, number>> = {};
  row.forEach((cell, c) => {
    const f = m.exact.get(normalizeHeader(cell));
    if (f !== undefined && columns[f] === undefined) columns[f] = c;
  });
  return { headers: [...row], labels: [...row], columns };
}

/**
 * Two rows as one header. A merged cell exports its text in its first column only, so an
 * empty upper cell takes the text on its left while the lower row goes on under it. A column
 * matches by its lower cell alone, by `upper lower` or `lower upper`, or by an alias all of
 * whose words (by stem) are among the two cells' words with one of them from the lower cell.
 */
function pair<F extends string>(upper: string[], lower: string[], m: Matcher<F>): Labelled<F> {
  const width = Math.max(upper.length, lower.length);
  const headers: string[] = [];
  const labels: string[] = [];
  const columns: Partial<Record<F, number>> = {};
  let carried = '';
  for (let c = 0; c < width; c++) {
    const bottom = lower[c] ?? '';
    const own = upper[c] ?? '';
    const top = own || (bottom ? carried : '');
    carried = own || (bottom ? carried : '');
    if (!bottom) {
      headers.push(top);
      labels.push(top);
      const f = m.exact.get(normalizeHeader(top));
      if (f !== undefined && columns[f] === undefined) columns[f] = c;
      continue;
    }
    labels.push(top ? `${top} / ${bottom}` : bottom);
    let field = m.exact.get(normalizeHeader(bottom));
    let header = bottom;
    if (field === undefined && top) {
      field = m.exact.get(normalizeHeader(`${top} ${bottom}`)) ?? m.exact.get(normalizeHeader(`${bottom} ${top}`));
      if (field === undefined) {
        const below = words(bottom);
        const all = [...words(top), ...below];
        const hit = m.phrases.find((p) => p.words.every((w) => all.some((x) => sameWord(w, x))) && p.words.some((w) => below.some((x) => sameWord(w, x))));
        if (hit) {
          field = hit.field;
          header = hit.alias;
        }
      } else header = `${top} ${bottom}`;
    }
    if (field !== undefined && columns[field] === undefined) {
      columns[field] = c;
      headers.push(header);
    } else headers.push(bottom);
  }
  return { headers, labels, columns };
}

const count = (columns: object) => Object.keys(columns).length;
const filled = (row: string[]) => row.filter((c) => c !== '').length;

/** The display name of a field in messages: its first Russian alias, else its first alias. */
function displayName(field: string, spec: FieldSpec): string {
  return spec.aliases.find((a) => /[а-яё]/i.test(a)) ?? spec.aliases[0] ?? field;
}

/**
 * Find the header row among the first `maxScan` rows: the row, or pair of rows (a split
 * header), naming the most fields; ties go to the earlier. A row with a single filled cell is
 * a title, never a header (unless there is only one field). A pair is taken only when it
 * names more fields than either of its rows alone.
 */
export function findHeaderRow<F extends string>(rows: string[][], fields: Record<F, FieldSpec>, opts: HeaderOptions = {}): HeaderSearch<F> {
  const m = matcher(fields);
  const maxScan = opts.maxScan ?? 20;
  const minMatches = opts.minMatches ?? Math.min(2, m.fields.length);
  const canHead = (row: string[] | undefined) => !!row && (filled(row) >= 2 || m.fields.length === 1);
  let best: { index: number; first: number; labelled: Labelled<F>; matched: number } | undefined;
  const limit = Math.min(rows.length, maxScan);
  for (let i = 0; i < limit; i++) {
    if (!canHead(rows[i])) continue;
    const one = single(rows[i], m);
    let candidate = { index: i, first: i, labelled: one, matched: count(one.columns) };
    const next = rows[i + 1];
    if (next && filled(next) > 0 && i + 1 < rows.length) {
      const two = pair(rows[i], next, m);
      const alone = Math.max(candidate.matched, count(single(next, m).columns));
      if (count(two.columns) > alone) candidate = { index: i + 1, first: i, labelled: two, matched: count(two.columns) };
    }
    if (!best || candidate.matched > best.matched) best = candidate;
  }
  // A merged cell over the header with nothing else in its row («ФИО» over «Фамилия | Имя |
  // Отчество»): the loop above skips one-cell rows as titles, so try them as upper halves here.
  for (let i = 0; i + 1 < limit; i++) {
    if (filled(rows[i]) !== 1 || !canHead(rows[i + 1])) continue;
    const two = pair(rows[i], rows[i + 1], m);
    const alone = count(single(rows[i + 1], m).columns);
    if (count(two.columns) > alone && (!best || count(two.columns) > best.matched)) {
      best = { index: i + 1, first: i, labelled: two, matched: count(two.columns) };
    }
  }
  if (best && best.matched >= minMatches) {
    return { found: true, index: best.index, first: best.first, ...best.labelled, matched: best.matched };
  }
  const lookedFor = t('header_looked_for', { fields: m.fields.map((f) => displayName(f, fields[f])).join(', '), rows: maxScan, min: minMatches });
  if (!best || best.matched === 0) return { found: false, lookedFor };
  const cells = rows[best.first].filter((c) => c !== '');
  return {
    found: false,
    lookedFor,
    best: {
      index: best.first,
      cells,
      matched: best.matched,
      description: t('header_best_candidate', { row: best.first + 1, cells: cells.slice(0, 8).join(' | '), matched: best.matched }),
    },
  };
}

/** «Итого», «Всего», «Total» as a whole word at the start: not «Всеволод», not «Итогова». */
const TOTAL_WORD = /^(?:итого|всего|total)(?![\p{L}])/iu;
const NUMBERISH = /^[\d\s.,:;()%№-]*$/;

/**
 * A total row under the data: its first filled cell begins with Итого/Всего/Total («Итого: 7»,
 * «Всего», «Итого обучающихся 25», «ВСЕГО:») and every other filled cell is a number (or
 * empty). A student row never passes: its first cell is a name, and its others are not numbers.
 */
export function isTotalRow(cells: string[]): boolean {
  // Every row is asked: the first filled cell decides most of them without allocating.
  const first = cells.find((c) => c !== '' && c.trim() !== '');
  if (first === undefined || !TOTAL_WORD.test(first.trim())) return false;
  const values = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (values.length === 0 || !TOTAL_WORD.test(values[0])) return false;
  return values.slice(1).every((v) => NUMBERISH.test(v));
}
