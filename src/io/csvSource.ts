/**
 * A CSV file's records, read a chunk at a time: its encoding and delimiter told from its
 * beginning, then on each pass the text decoded (encoding.ts), parsed (csvParse.ts) and its
 * cells cleaned as the chunks come, so that only what a reader keeps stays in memory.
 */
import { sepHint } from '../domain/tableShape.js';
import { CsvParser, type CsvRecord, type TextLimits } from './csvParse.js';
import { ChunkDecoder, resolveEncoding, type ChunkDecoderOptions, type EncodingChoice } from './encoding.js';
import { utf8Throughout, type Bytes } from './fileBytes.js';
import type { Source, TableRow } from './readTable.js';
import { clean } from './xlsxSheets.js';

const QUOTE = 34;

/**
 * A CSV's source: the encoding and the delimiter told from the file's beginning, the records
 * read from the file on each pass.
 */
export function openCsv(bytes: Bytes, name: string, encoding: EncodingChoice | string, limits: TextLimits, headerRow?: number): Source {
  let utf8: boolean | undefined;
  const wholeIsUtf8 = () => (utf8 ??= utf8Throughout(bytes));
  const { encoding: actual, detected } = resolveEncoding(bytes.head, encoding, wholeIsUtf8);
  const decoding: ChunkDecoderOptions = { head: bytes.head, wholeIsUtf8, file: name, detected };
  const texts = () => decodedChunks(bytes, new ChunkDecoder(actual, decoding));
  const { sepLine, delimiter } = csvShape(texts(), headerRow);
  const records = { [Symbol.iterator]: () => csvRecords(texts(), sepLine, delimiter, limits, name) };
  return { format: 'csv', name, encoding: actual, delimiter, sheets: [{ name: '', hidden: false, records, readShare: bytes.readShare, hiddenRows: new Set() }] };
}

/** A pass over the file's text: each chunk's, and whether the file ends with it. */
function* decodedChunks(bytes: Bytes, decoder: ChunkDecoder): Generator<[string, boolean]> {
  for (const chunk of bytes.chunks()) yield [decoder.decode(chunk, false), false];
  yield [decoder.decode(new Uint8Array(0), true), true];
}

interface CsvShape {
  /** The first line is Excel's `sep=;`, which Excel does not show as a row. */
  sepLine: boolean;
  delimiter: string;
}

/**
 * How the text's beginning shows the CSV's shape: Excel's `sep=;` first line names the
 * delimiter, else DelimiterVote picks it from the first filled lines (from `headerRow` on,
 * when the user names it). Read a chunk at a time until it shows (the last chunk always
 * decides); only the first line is kept meanwhile.
 */
function csvShape(texts: Iterable<[string, boolean]>, headerRow?: number): CsvShape {
  let head = '';
  let retryAt = 0;
  let vote: DelimiterVote | undefined;
  let shape: CsvShape | undefined;
  for (const [chunk, last] of texts) {
    let text = chunk;
    if (!vote) {
      head += chunk;
      // Looked at again once the text has grown fourfold: a first line of megabytes is not searched chunk after chunk.
      if (!last && head.length < retryAt) continue;
      const first = firstLine(head, last);
      retryAt = 4 * head.length;
      if (!first) continue;
      const hint = sepHint(first.line);
      if (hint !== undefined) {
        shape = { sepLine: true, delimiter: hint };
        break;
      }
      vote = new DelimiterVote(headerRow);
      text = head;
    }
    const delimiter = vote.add(text, last);
    if (delimiter !== undefined) {
      shape = { sepLine: false, delimiter };
      break;
    }
  }
  return shape!;
}

/** The first line and where the next begins, once the text shows where it ends (a CR may be the first of CRLF). */
function firstLine(text: string, complete: boolean): { line: string; next: number } | undefined {
  const end = text.search(/\r|\n/);
  if (end < 0) return complete ? { line: text, next: text.length } : undefined;
  if (end === text.length - 1 && !complete) return undefined;
  return { line: text.slice(0, end), next: end + (text.startsWith('\r\n', end) ? 2 : 1) };
}

/**
 * The filled records of one pass over the file's text, cells cleaned (see clean). A file that
 * does not read in its encoding is refused for that, wherever its CSV goes wrong first.
 */
function* csvRecords(texts: Generator<[string, boolean]>, sepLine: boolean, delimiter: string, limits: TextLimits, name: string): Generator<TableRow> {
  const parser = new CsvParser(delimiter, limits, name);
  let start = sepLine ? '' : undefined;
  try {
    for (const [chunk, last] of texts) {
      let text = chunk;
      if (start !== undefined) {
        start += chunk;
        const first = firstLine(start, last);
        if (!first) continue;
        text = start.slice(first.next);
        start = undefined;
      }
      let records: CsvRecord[];
      try {
        records = parser.push(text, last);
      } catch (err) {
        while (!texts.next().done); // the rest of the text, for its encoding
        throw err;
      }
      for (const record of records) {
        const { cells } = record;
        for (let i = 0; i < cells.length; i++) cells[i] = clean(cells[i]);
        // A cell of only a guard and a tab (`'\t`) is empty once cleaned: so may be its row.
        if (cells.some((c) => c !== '')) yield record;
      }
    }
  } catch (err) {
    if (err instanceof Object) readRefusals.add(err);
    throw err;
  }
}

/** The errors a pass over a CSV's records threw. */
const readRefusals = new WeakSet<object>();

/** Whether `err` was thrown by reading a CSV (its encoding, syntax or bounds, the file itself). */
export function isReadRefusal(err: unknown): boolean {
  return err instanceof Object && readRefusals.has(err);
}

const DELIMITERS = [';', ',', '\t'];

/**
 * How many filled lines vote on the delimiter: enough to reach past a few title rows into the
 * table (the header is searched for among the first 20 filled rows too, readTable.ts).
 */
const VOTING_LINES = 20;

/**
 * The delimiter of a CSV without a `sep=` line, from the evidence of its first VOTING_LINES
 * filled lines (from the header the user named, `--header-row`, when there is one): the
 * candidate under which the most lines split into one same number of fields, more than one.
 * A title above the table (`Журнал ИС-25, сентябрь`) is one line, the table's header and rows
 * are many; a title Excel saved with its padding (`Список группы;;;;`) votes with the table.
 * It takes two lines agreeing to win so; ties go to the candidate with more fields, then to
 * the earlier of `; , tab`. Without two lines agreeing (a one-line file, a one-column list
 * whose names hold commas) the first filled line decides alone: the candidate found most
 * often in it, ties to the earlier (so a one-column file reads as `;`).
 *
 * Delimiters are counted outside quotes; a quote opens a quoted field only at the start of a
 * field (after any candidate), and a line break inside one does not end the line. Counted by
 * character codes as the text comes, a chunk at a time: a file of nothing but delimiters is
 * read once, and not kept.
 */
class DelimiterVote {
  /** Candidates found on the line under way. */
  private readonly counts = [0, 0, 0];
  /** Per candidate: fields in a line (more than one) → lines that split so. */
  private readonly splits = DELIMITERS.map(() => new Map<number, number>());
  /** The counts of the first filled line that voted. */
  private first: number[] | undefined;
  private voted = 0;
  /** Lines before the header the user named (`--header-row`): a title row above it does not vote. */
  private skip: number;
  /** The last character was a CR: an LF now ends the same line. */
  private afterCr = false;
  private inQuotes = false;
  private fieldStart = true;
  private content = false;
  /** A quote inside a quoted field ended the last chunk: the next character tells whether it closes the field or is doubled. */
  private quoteAtEnd = false;

  constructor(headerRow?: number) {
    this.skip = headerRow === undefined ? 0 : headerRow - 1;
  }

  /** The delimiter once VOTING_LINES filled lines have ended (or the text has, `complete`), else undefined. */
  add(text: string, complete: boolean): string | undefined {
    const { counts } = this;
    let i = 0;
    if (this.quoteAtEnd && (text.length > 0 || complete)) {
      this.quoteAtEnd = false;
      if (text.charCodeAt(0) === QUOTE) i = 1;
      else this.inQuotes = false;
    }
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (c === QUOTE) {
          if (i + 1 === text.length && !complete) {
            this.quoteAtEnd = true;
            break;
          }
          if (text.charCodeAt(i + 1) === QUOTE) i++;
          else this.inQuotes = false;
        }
        continue;
      }
      const d = c === 59 ? 0 : c === 44 ? 1 : c === 9 ? 2 : -1;
      const lf = c === 10 && this.afterCr;
      this.afterCr = c === 13;
      if (lf) continue;
      if (d >= 0) {
        counts[d]++;
        this.fieldStart = true;
      } else if (c === 10 || c === 13) {
        if (this.endLine() === VOTING_LINES) return this.winner();
      } else {
        if (c === QUOTE && this.fieldStart) this.inQuotes = true;
        // Anything but whitespace (String#trim's, the non-breaking space included).
        if ((c > 32 && c < 127) || (c !== 32 && String.fromCharCode(c).trim() !== '')) this.content = true;
        this.fieldStart = false;
      }
    }
    if (!complete) return undefined;
    this.endLine();
    return this.winner();
  }

  /**
   * The line under way has ended: it votes unless it is above the named header, empty or of
   * bare delimiters. The lines that voted so far.
   */
  private endLine(): number {
    const { counts } = this;
    if (this.skip > 0) this.skip--;
    else if (this.content) {
      this.first ??= [...counts];
      counts.forEach((n, d) => {
        if (n > 0) this.splits[d].set(n + 1, (this.splits[d].get(n + 1) ?? 0) + 1);
      });
      this.voted++;
    }
    counts[0] = counts[1] = counts[2] = 0;
    this.fieldStart = true;
    this.content = false;
    return this.voted;
  }

  private winner(): string {
    // Per candidate: the most lines that split into one number of fields, and that number.
    const best = this.splits.map((split) => {
      let lines = 0;
      let fields = 0;
      for (const [f, n] of split) if (n > lines || (n === lines && f > fields)) [lines, fields] = [n, f];
      return { lines, fields };
    });
    let pick = 0;
    best.forEach((b, d) => {
      const p = best[pick];
      if (b.lines > p.lines || (b.lines === p.lines && b.fields > p.fields)) pick = d;
    });
    if (best[pick].lines >= 2) return DELIMITERS[pick];
    const first = this.first ?? [0, 0, 0];
    pick = 0;
    first.forEach((n, d) => {
      if (n > first[pick]) pick = d;
    });
    return DELIMITERS[pick];
  }
}
