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
  const decoding: ChunkDecoderOptions = { head: bytes.head, wholeIsUtf8: () => (utf8 ??= utf8Throughout(bytes)), file: name };
  const actual = resolveEncoding(bytes.head, encoding, decoding.wholeIsUtf8);
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
 * delimiter, else DelimiterVote picks it from the header line (`headerRow`, when the user
 * names it, else the first filled line). Read a chunk at a time until it shows (the last
 * chunk always decides); only the first line is kept meanwhile.
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
 * The delimiter of a CSV without a `sep=` line: the candidate that occurs most often outside
 * quotes on the first filled line (a title row Excel saved holds the delimiters too: `Список
 * группы;;;;`); ties go to the earlier of `; , tab` (so a one-column file reads as `;`). A
 * quote opens a quoted field only at the start of a field. Counted by character codes as the
 * text comes, a chunk at a time: a file of nothing but delimiters is read once, and not kept.
 */
class DelimiterVote {
  private readonly counts = [0, 0, 0];
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

  /** The delimiter once the first filled line has ended (or the text has, `complete`), else undefined. */
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
        // A line above the named header, an empty line or one of bare delimiters is not the header.
        if (this.skip > 0) this.skip--;
        else if (this.content) return this.winner();
        counts[0] = counts[1] = counts[2] = 0;
        this.fieldStart = true;
        this.content = false;
      } else {
        if (c === QUOTE && this.fieldStart) this.inQuotes = true;
        // Anything but whitespace (String#trim's, the non-breaking space included).
        if ((c > 32 && c < 127) || (c !== 32 && String.fromCharCode(c).trim() !== '')) this.content = true;
        this.fieldStart = false;
      }
    }
    return complete ? this.winner() : undefined;
  }

  private winner(): string {
    let best = 0;
    this.counts.forEach((n, i) => {
      if (n > this.counts[best]) best = i;
    });
    return DELIMITERS[best];
  }
}
