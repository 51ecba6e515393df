/**
 * The text encodings a secretary's CSV arrives in, and how to tell them apart.
 *
 * - `utf8`: "CSV UTF-8" (with a BOM) or any modern tool (without one);
 * - `cp1251`: Excel's plain "CSV (разделители — запятые)" on a Russian Windows;
 * - `cp866`: Excel's "CSV (MS-DOS)", the DOS code page;
 * - `utf16le` / `utf16be`: Excel's "Текст Юникод" (tab-separated), always with a BOM.
 *
 * Detection (`detectEncoding`): a BOM decides (a UTF-16 one only if the text then reads: a cp1251
 * file may start with «яю», FF FE); else UTF-16 without a BOM by its 00/04 high bytes; else bytes
 * that are valid UTF-8 are UTF-8 (random
 * cp1251 or cp866 Cyrillic is practically never valid UTF-8); else the 8-bit code page whose
 * decoding reads more like Russian (Cyrillic letters) and less like mojibake (box drawing,
 * C1 controls, Serbian letters, ‰ ™ ¤...).
 *
 * `decodeText` never returns garbage silently: text that does not read as text in the
 * encoding tried (replacement characters, NUL, C1 controls, box drawing, too many rare
 * symbols, or words whose case is turned inside out, as KOI8-R reads in cp1251) is refused
 * with InputError `encoding_implausible` (exit 3) naming the encoding: one named with
 * `--encoding` with the one to try instead, one detected with the encodings registrar reads.
 * An unknown encoding name is UsageError `encoding_unknown` (exit 2).
 */
import { isUtf8 } from 'node:buffer';
import { InputError, UsageError } from '../core/errors.js';

/** What a file was read as. */
export type TextEncoding = 'utf8' | 'cp1251' | 'cp866' | 'utf16le' | 'utf16be';
/** What a user may ask for: `utf16` means "by its BOM" (little-endian without one). */
export type EncodingChoice = 'auto' | 'utf8' | 'cp1251' | 'cp866' | 'utf16';

export interface DecodedText {
  /** Without the BOM. */
  text: string;
  encoding: TextEncoding;
}

export interface DecodeOptions {
  /** The file as the user named it, for messages. */
  file?: string;
}

const ALIASES: Record<string, EncodingChoice> = {
  auto: 'auto',
  utf8: 'utf8',
  'utf-8': 'utf8',
  cp1251: 'cp1251',
  'windows-1251': 'cp1251',
  win1251: 'cp1251',
  '1251': 'cp1251',
  cp866: 'cp866',
  ibm866: 'cp866',
  '866': 'cp866',
  dos: 'cp866',
  utf16: 'utf16',
  'utf-16': 'utf16',
  utf16le: 'utf16',
  'utf-16le': 'utf16',
  utf16be: 'utf16',
  'utf-16be': 'utf16',
  unicode: 'utf16',
};

/** The names `--encoding` accepts, for help and messages. */
export const ENCODING_NAMES = ['auto', 'utf8', 'cp1251', 'cp866', 'utf16'] as const;

/** The encodings registrar reads, for messages. */
const READABLE = ENCODING_NAMES.filter((name) => name !== 'auto').join(', ');

/**
 * `--encoding` value → choice, case-insensitively with aliases (`Windows-1251`, `1251`, `DOS`,
 * `UTF-8`, `unicode`...). Unknown: UsageError `encoding_unknown`.
 */
export function parseEncodingName(name: string): EncodingChoice {
  const choice = ALIASES[name.trim().toLowerCase().replace(/_/g, '-')];
  if (!choice) throw new UsageError('encoding_unknown', { value: name, known: ENCODING_NAMES.join(', ') });
  return choice;
}

const WHATWG: Record<TextEncoding, string> = {
  utf8: 'utf-8',
  cp1251: 'windows-1251',
  cp866: 'ibm866',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
};

function bomOf(bytes: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', length: 2 };
  return undefined;
}


/** How many bytes from a file's start every guess but "is all of it UTF-8" looks at. */
export const HEAD_BYTES = 256 * 1024 + 2;

/**
 * Guess the encoding of bytes without a label. Empty or pure ASCII input is `utf8`. Only the
 * first HEAD_BYTES are looked at, and `wholeIsUtf8` (by default: whether `bytes` is valid
 * UTF-8) is asked only when no BOM or UTF-16 pattern decides: a file read in chunks passes
 * its beginning and a check of the whole file.
 */
export function detectEncoding(bytes: Uint8Array, wholeIsUtf8: () => boolean = () => isUtf8(bytes)): TextEncoding {
  const bom = bomOf(bytes);
  // A cp1251 file may begin with «яю» (FF FE) too: a UTF-16 BOM counts when the text reads.
  if (bom && (bom.encoding === 'utf8' || plausibleText(new TextDecoder(WHATWG[bom.encoding]).decode(bytes.subarray(2, 64 * 1024 + 2))))) {
    return bom.encoding;
  }
  const wide = utf16WithoutBom(bytes);
  if (wide) return wide;
  if (wholeIsUtf8()) return 'utf8';
  const sample = bytes.subarray(0, 256 * 1024);
  const score = (encoding: 'cp1251' | 'cp866') => {
    const s = textStats(new TextDecoder(WHATWG[encoding]).decode(sample));
    return s.russian - 4 * (s.suspicious + s.controls);
  };
  return score('cp866') > score('cp1251') ? 'cp866' : 'cp1251';
}

/**
 * UTF-16 without a BOM shows itself by its high bytes: in Russian text nearly every character
 * is ASCII (high byte 00) or Cyrillic (04), so one byte of each pair is 00 or 04.
 */
function utf16WithoutBom(bytes: Uint8Array): TextEncoding | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  // NULs are what make it UTF-16 and not 8-bit text: require some, and the pattern nearly everywhere.
  if (n < 4 || !bytes.subarray(0, n).includes(0)) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0 || bytes[i] === 4) even++;
    if (bytes[i + 1] === 0 || bytes[i + 1] === 4) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.9 && even < pairs * 0.5) return 'utf16le';
  if (even >= pairs * 0.9 && odd < pairs * 0.5) return 'utf16be';
  return undefined;
}

/** Characters outside the control ranges that normal text in a Russian list never contains. */
const RARE = new Set(
  [0x0402, 0x0403, 0x0409, 0x040a, 0x040b, 0x040c, 0x040f, 0x0452, 0x0453, 0x0459, 0x045a, 0x045b, 0x045c, 0x045f, 0x0405, 0x0455, 0x0408, 0x0458, // Serbian, Macedonian
    0x2030, 0x2039, 0x203a, 0x2122, 0x00a4, 0x00a6, 0x00ac, 0x00ad, 0x00ae, 0x00b5, 0x00b6, 0x2020, 0x2021, 0x2022, 0x2219, 0x221a, 0x02dc, 0x0490, 0x0491], // ‰ ‹ › ™ ¤ ¦ ¬ shy ® µ ¶ † ‡ • ∙ √ ˜ Ґ ґ
);

interface TextStats {
  /** А–я, Ё, ё. */
  russian: number;
  /** U+FFFD, box drawing and blocks, RARE (controls are counted apart: `controls`). */
  suspicious: number;
  nonAscii: number;
  /** U+FFFD: bytes the encoding could not read; never in a legitimate file. */
  fatal: number;
  /** NUL and C1 controls: a file read in the wrong width (UTF-16 as 8-bit text) is full of them; one in a cell is that cell's problem. */
  controls: number;
  /** Characters seen. */
  length: number;
  /** CJK, Hangul, private use: 8-bit bytes read as UTF-16 (an emoji's surrogates do not count). */
  wide: number;
  /** A small Cyrillic letter directly followed by a capital one («жБНЙМЙС»: KOI8-R's «Фамилия» read as cp1251). */
  smallCapital: number;
  /** A capital Cyrillic letter directly followed by a small one (every capitalised word: «Фамилия»). */
  capitalSmall: number;
  /** The case of the last character when it was a Cyrillic letter (1 small, 2 capital), else 0: a text read in chunks goes on. */
  lastCase: 0 | 1 | 2;
}

const noStats = (): TextStats => ({ russian: 0, suspicious: 0, nonAscii: 0, fatal: 0, controls: 0, length: 0, wide: 0, smallCapital: 0, capitalSmall: 0, lastCase: 0 });

/** One pass over the text, no allocation: files run to tens of megabytes. Counts into `s` (a text read in chunks adds up). */
function textStats(text: string, s: TextStats = noStats()): TextStats {
  s.length += text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0) s.controls++;
      s.lastCase = 0;
      continue;
    }
    s.nonAscii++;
    if ((c >= 0x0410 && c <= 0x044f) || c === 0x0401 || c === 0x0451) {
      s.russian++;
      const letterCase = c <= 0x042f ? 2 : 1; // Ё (0401) is below А, ё (0451) above я
      if (s.lastCase === 1 && letterCase === 2) s.smallCapital++;
      else if (s.lastCase === 2 && letterCase === 1) s.capitalSmall++;
      s.lastCase = letterCase;
      continue;
    }
    s.lastCase = 0;
    if (c === 0xfffd) {
      s.fatal++;
      s.suspicious++;
    } else if (c <= 0x9f) s.controls++; else if ((c >= 0x2500 && c <= 0x25ff) || RARE.has(c)) s.suspicious++;
    else if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xe000 && c <= 0xf8ff)) s.wide++;
  }
  return s;
}

/**
 * Whether decoded text reads as text: no replacement character; NUL and C1 controls no more
 * than a stray few (one in a thousand characters, 8 at most: a file read in the wrong width has
 * them everywhere, while one pasted into a cell is refused with its row by the row checks);
 * rare symbols (box drawing, Serbian letters, ™ ‰ ¤...) under 2% of the non-ASCII characters;
 * not mostly CJK or private-use characters (8-bit bytes read as UTF-16); and words not cased
 * inside out. In Russian text a word starts with its capital or is all capitals, so a small
 * letter before a capital is rarer than a capital before a small one (a word that starts
 * capitalised alternates from capital to small first); KOI8-R read as cp1251 swaps the cases,
 * «Фамилия» reads «жБНЙМЙС». Refused when there are at least 3 such turns and more than
 * twice as many as the other way (a word or two typed with Caps Lock on is not). A list in
 * Chinese characters would be refused too: these are Russian lists.
 */
export function plausibleText(text: string): boolean {
  return plausible(textStats(text));
}

function plausible(s: TextStats): boolean {
  if (s.fatal > 0) return false;
  if (s.controls > Math.min(8, s.length / 1000)) return false;
  if (s.suspicious > 0 && s.suspicious * 50 >= s.nonAscii) return false;
  if (s.smallCapital >= 3 && s.smallCapital > 2 * s.capitalSmall) return false;
  return s.wide === 0 || s.wide * 2 <= s.nonAscii;
}

/** The encoding a file is read in, and whether it was detected rather than named. */
export interface ResolvedEncoding {
  encoding: TextEncoding;
  detected: boolean;
}

/**
 * The encoding to read a file in: `auto` detects (see detectEncoding: `head` is the file's
 * beginning, `wholeIsUtf8` checks all of it); `utf16` follows the BOM, else little-endian.
 * An unknown name: UsageError `encoding_unknown`.
 */
export function resolveEncoding(head: Uint8Array, encoding: EncodingChoice | string, wholeIsUtf8: () => boolean): ResolvedEncoding {
  const choice = ALIASES[encoding] ?? parseEncodingName(encoding);
  if (choice === 'auto') return { encoding: detectEncoding(head, wholeIsUtf8), detected: true };
  if (choice === 'utf16') return { encoding: bomOf(head)?.encoding === 'utf16be' ? 'utf16be' : 'utf16le', detected: false };
  return { encoding: choice, detected: false };
}

export interface ChunkDecoderOptions extends DecodeOptions {
  /** The file's first HEAD_BYTES (all of it when shorter): its BOM, and the suggestion of a refusal. */
  head: Uint8Array;
  /** Whether the whole file is valid UTF-8, for the suggestion of a refusal. */
  wholeIsUtf8: () => boolean;
  /** The encoding was detected, not named with `--encoding`: a refusal lists the encodings registrar reads. */
  detected: boolean;
}

/**
 * A file's bytes decoded a chunk at a time, from its start, as decodeText decodes them whole:
 * a BOM matching the encoding dropped, the text of every chunk handed back as it comes. The
 * refusal (InputError `encoding_implausible`) comes as soon as a byte is not UTF-8 when that
 * is the encoding, else with the last chunk, when the text as a whole does not read as text
 * (see plausibleText).
 */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;
  private readonly stats = noStats();
  /** BOM bytes still to drop. */
  private skip: number;
  private bodyBytes = 0;

  constructor(
    readonly encoding: TextEncoding,
    private readonly options: ChunkDecoderOptions,
  ) {
    const bom = bomOf(options.head);
    this.skip = bom && bom.encoding === encoding ? bom.length : 0;
    this.decoder = new TextDecoder(WHATWG[encoding], { fatal: encoding === 'utf8' });
  }

  /** The text of the next chunk; `last`: the file ends with it (it may be empty). */
  decode(chunk: Uint8Array, last: boolean): string {
    if (this.skip) {
      const n = Math.min(this.skip, chunk.length);
      chunk = chunk.subarray(n);
      this.skip -= n;
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: !last });
    } catch {
      throw this.refusal();
    }
    this.bodyBytes += chunk.length;
    textStats(text, this.stats);
    if (last && ((this.encoding.startsWith('utf16') && this.bodyBytes % 2 === 1) || !plausible(this.stats))) throw this.refusal();
    return text;
  }

  /**
   * The refusal: of an encoding named, with the encoding the bytes look like when that is
   * another one; of one detected (the closest there is), with the encodings registrar reads.
   */
  private refusal() {
    const { head, wholeIsUtf8, file, detected } = this.options;
    const tried = this.encoding;
    const name = (e: TextEncoding) => (e.startsWith('utf16') ? 'utf16' : e);
    if (detected) {
      return new InputError('encoding_implausible', { file: file ?? '', encoding: name(tried), suggestion: '' }).within(
        'encoding_implausible_detected',
        { file: file ?? '', encoding: name(tried), readable: READABLE },
        { file: file ?? '', encoding: name(tried), detected: true, readable: READABLE.split(', ') },
      );
    }
    let suggestion = detectEncoding(head, wholeIsUtf8);
    if (suggestion === tried) suggestion = tried === 'cp1251' ? 'cp866' : 'cp1251';
    // Without a BOM, UTF-16 shows itself by its NUL bytes (every second byte in ASCII text).
    const nuls = head.subarray(0, 4096).filter((b) => b === 0).length;
    if (!tried.startsWith('utf16') && nuls * 4 > Math.min(head.length, 4096)) suggestion = 'utf16le';
    return new InputError('encoding_implausible', { file: file ?? '', encoding: name(tried), suggestion: name(suggestion) });
  }
}

/**
 * Decode a file's bytes whole: the encoding as resolveEncoding picks it, the text as
 * ChunkDecoder reads it. Implausible text, or bytes that are not UTF-8 when `utf8` was asked
 * for: InputError `encoding_implausible` (exit 3).
 */
export function decodeText(bytes: Uint8Array, encoding: EncodingChoice | string = 'auto', options: DecodeOptions = {}): DecodedText {
  const wholeIsUtf8 = () => isUtf8(bytes);
  const { encoding: actual, detected } = resolveEncoding(bytes, encoding, wholeIsUtf8);
  const text = new ChunkDecoder(actual, { ...options, head: bytes, wholeIsUtf8, detected }).decode(bytes, true);
  return { text, encoding: actual };
}
