import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeText, detectEncoding, parseEncodingName, plausibleText } from '../../src/io/encoding.js';
import { setLang } from '../../src/core/i18n.js';

/** Encode text in a single-byte code page by inverting Node's decoder (Node has no encoder for them). */
function encoder(label: string): (s: string) => Uint8Array {
  const table = new Map<string, number>();
  const dec = new TextDecoder(label);
  for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
  return (s) => Uint8Array.from([...s].map((ch) => table.get(ch) ?? 0x3f));
}
const cp1251 = encoder('windows-1251');
const cp866 = encoder('ibm866');
/** KOI8-R, which registrar does not read: its Cyrillic letters are cp1251's, in another order and with the cases swapped. */
const koi8 = encoder('koi8-r');
const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string, bom = true) => {
  const body = Buffer.from(s, 'utf16le');
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body);
};
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), le]));
};

const LIST = 'Фамилия;Имя;Отчество;Дата рождения;Группа\r\nИванов;Иван;Иванович;14.03.2009;ИС-25\r\nЁлкина;Светлана;Петровна;05.05.2009;ИС-25\r\nЩукин;Юрий;Эдуардович;01.01.2008;«Б» № 3\r\n';

/**
 * Short Russian words and lists, as names and headers are: each word capitalised. (A text of
 * lower-case а–п alone, «аа;аа», is cp1251 bytes that read as other lower-case letters in
 * cp866, «рр;рр»: no reader can tell those apart, and no list is written so.)
 */
const russianWord = fc
  .tuple(fc.constantFrom(...'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯ'), fc.array(fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯ'), { minLength: 1, maxLength: 11 }))
  .map(([first, rest]) => first + rest.join(''));
const russianText = fc.array(fc.tuple(russianWord, fc.constantFrom(';', ' ', '\r\n', ';14.03.2009;', ' - ')), { minLength: 3, maxLength: 40 }).map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('parseEncodingName', () => {
  it('accepts names case-insensitively with aliases', () => {
    expect(['windows-1251', 'CP1251', '1251', 'Win1251'].map(parseEncodingName)).toEqual(['cp1251', 'cp1251', 'cp1251', 'cp1251']);
    expect(['cp866', 'IBM866', 'dos', '866'].map(parseEncodingName)).toEqual(['cp866', 'cp866', 'cp866', 'cp866']);
    expect(['utf-8', 'UTF8', 'utf-16', 'Unicode', 'UTF-16LE'].map(parseEncodingName)).toEqual(['utf8', 'utf8', 'utf16', 'utf16', 'utf16']);
    expect(parseEncodingName('AUTO')).toBe('auto');
  });
  it('refuses an unknown name with the list of known ones (exit 2)', () => {
    expect(() => parseEncodingName('koi8-r')).toThrow(expect.objectContaining({ code: 'encoding_unknown', exitCode: 2 }));
  });
});

describe('detectEncoding and decodeText', () => {
  afterEach(() => setLang('en'));

  it('reads each of the encodings Excel writes', () => {
    const cases: [Uint8Array, string][] = [
      [utf8(LIST), 'utf8'],
      [new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(LIST)]), 'utf8'],
      [cp1251(LIST), 'cp1251'],
      [cp866(LIST.replace(/[«»]/g, '"')), 'cp866'],
      [utf16le(LIST.replace(/;/g, '\t')), 'utf16le'],
      [utf16be(LIST), 'utf16be'],
    ];
    for (const [bytes, encoding] of cases) {
      expect(detectEncoding(bytes)).toBe(encoding);
      const decoded = decodeText(bytes, 'auto');
      expect(decoded.encoding).toBe(encoding);
      expect(decoded.text.replace(/\t/g, ';')).toBe(encoding === 'cp866' ? LIST.replace(/[«»]/g, '"') : LIST);
    }
  });

  it('drops the BOM and follows it for utf16', () => {
    expect(decodeText(utf16be('Иванов'), 'utf16')).toEqual({ text: 'Иванов', encoding: 'utf16be' });
    expect(decodeText(utf16le('Иванов'), 'unicode')).toEqual({ text: 'Иванов', encoding: 'utf16le' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'utf8').text).toBe('A');
  });

  it('takes empty and ASCII input as UTF-8', () => {
    expect(decodeText(new Uint8Array(), 'auto')).toEqual({ text: '', encoding: 'utf8' });
    expect(detectEncoding(utf8('a;b;c\n1;2;3'))).toBe('utf8');
  });

  it('detects every Russian text in each encoding and round-trips it (property)', () => {
    fc.assert(
      fc.property(russianText, (text) => {
        expect(decodeText(utf8(text)).text).toBe(text);
        expect(decodeText(cp1251(text))).toEqual({ text, encoding: 'cp1251' });
        expect(decodeText(cp866(text))).toEqual({ text, encoding: 'cp866' });
        expect(decodeText(utf16le(text)).text).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('never returns garbage for a wrong explicit encoding (property)', () => {
    fc.assert(
      fc.property(russianText, (text) => {
        const garbled = (bytes: Uint8Array, enc: string) => expect(() => decodeText(bytes, enc)).toThrow(expect.objectContaining({ code: 'encoding_implausible', exitCode: 3 }));
        garbled(cp866(text), 'cp1251');
        garbled(cp1251(text), 'cp866');
        garbled(utf8(text), 'cp1251');
        garbled(utf8(text), 'cp866');
        garbled(cp1251(text), 'utf8');
        garbled(utf16le(text, false), 'utf8');
      }),
      { numRuns: 200 },
    );
  });

  it('names the encoding tried and suggests the likely one', () => {
    setLang('ru');
    try {
      decodeText(cp866(LIST), 'cp1251', { file: 'list.csv' });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'encoding_implausible', params: { file: 'list.csv', encoding: 'cp1251', suggestion: 'cp866' } });
      expect((err as Error).message).toContain('--encoding cp866');
    }
    expect(() => decodeText(utf16le(LIST, false), 'utf8')).toThrow(expect.objectContaining({ params: expect.objectContaining({ suggestion: 'utf16' }) }));
  });

  it('recognises UTF-16 without a BOM by its zero and 04 high bytes', () => {
    expect(decodeText(utf16le(LIST, false))).toEqual({ text: LIST, encoding: 'utf16le' });
    expect(decodeText(utf16le('a;b\n', false))).toEqual({ text: 'a;b\n', encoding: 'utf16le' });
  });

  it('reads a cp1251 file that starts with «яю» (the bytes of a UTF-16 BOM)', () => {
    expect(decodeText(cp1251('яю;аа;аа;аа;'))).toEqual({ text: 'яю;аа;аа;аа;', encoding: 'cp1251' });
  });

  it('refuses UTF-16 with an odd number of bytes', () => {
    expect(() => decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]), 'auto')).toThrow(expect.objectContaining({ code: 'encoding_implausible' }));
  });

  it('accepts the typography of real lists and refuses mojibake', () => {
    expect(plausibleText('Ёлкина «Б» № 3 — 14.03.2009 … ‘x’ “y” „z“ 5°')).toBe(true);
    // A stray NUL or C1 control in a long text is a cell's problem (the row checks refuse it); many are the wrong encoding.
    const page = 'Иванов;Иван;Иванович;01.02.2009;М;;ИС-25\n'.repeat(50);
    expect(plausibleText(page.replace('Иванович', 'Иван\u0000ович'))).toBe(true);
    expect(plausibleText(page.replace('Иванович', 'Иван\u0085ович'))).toBe(true);
    expect(plausibleText(page.replace(/Иванович/g, 'Иван\u0000ович'))).toBe(false);
    expect(plausibleText('ђ‚Ђ„')).toBe(false);
    expect(plausibleText('╚ты═ют')).toBe(false);
    expect(plausibleText('a\u0000b')).toBe(false);
    expect(plausibleText('Иванов\ufffd')).toBe(false);
    expect(plausibleText('ivanov@mail.ru 😀')).toBe(true);
    expect(plausibleText('㯠㯠')).toBe(false);
  });

  it('refuses words cased inside out (KOI8-R read as cp1251), not a few typed with Caps Lock on', () => {
    expect(plausibleText(new TextDecoder('windows-1251').decode(koi8(LIST)))).toBe(false);
    expect(plausibleText('Фамилия;Имя;Отчество\nиВАНОВ;иВАН;иВАНОВИЧ\nПетров;Пётр;Петрович\n')).toBe(true);
    expect(plausibleText('ФАМИЛИЯ;ИМЯ\nИВАНОВ;ИВАН\nпетров;пётр\n')).toBe(true);
  });

  it('refuses a file in an encoding it does not read, naming the encoding detected and those it reads', () => {
    for (const lang of ['en', 'ru'] as const) {
      setLang(lang);
      try {
        decodeText(koi8(LIST), 'auto', { file: 'koi8.csv' });
        expect.unreachable();
      } catch (err) {
        expect(err).toMatchObject({ code: 'encoding_implausible', exitCode: 3, details: { file: 'koi8.csv', encoding: 'cp1251', detected: true, readable: ['utf8', 'cp1251', 'cp866', 'utf16'] } });
        const message = (err as Error).message;
        expect(message).toContain('koi8.csv: ');
        expect(message).toContain(lang === 'en' ? 'read as cp1251, the encoding it looks most like, the text is garbled' : 'в кодировке cp1251, на которую файл похож больше всего, текст читается как мусор');
        expect(message).toContain(lang === 'en' ? 'registrar reads utf8, cp1251, cp866, utf16' : 'registrar читает utf8, cp1251, cp866, utf16');
        expect(message).not.toContain('Try --encoding');
      }
    }
    // Named with --encoding, it is refused as before, with the encoding to try.
    expect(() => decodeText(koi8(LIST), 'cp1251')).toThrow(expect.objectContaining({ code: 'encoding_implausible', params: expect.objectContaining({ encoding: 'cp1251', suggestion: 'cp866' }) }));
  });

  it('never takes a list in KOI8-R, its words capitalised as names and headers are (property)', () => {
    const name = fc
      .tuple(fc.constantFrom(...'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ'), fc.array(fc.constantFrom(...'абвгдежзийклмнопрстуфхцчшщъыьэюя'), { minLength: 1, maxLength: 11 }))
      .map(([first, rest]) => first + rest.join(''));
    const list = fc.array(fc.tuple(name, fc.constantFrom(';', ' ', '\r\n', ';14.03.2009;', ' - ')), { minLength: 3, maxLength: 40 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(list, (text) => {
        expect(() => decodeText(koi8(text), 'auto')).toThrow(expect.objectContaining({ code: 'encoding_implausible' }));
      }),
      { numRuns: 300 },
    );
  });
});
