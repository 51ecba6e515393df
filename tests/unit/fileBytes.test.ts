import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileBytes } from '../../src/io/fileBytes.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registrar-bytes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every chunk of one pass, copied as it comes (a chunk is good only until the next). */
function text(bytes: ReturnType<typeof fileBytes>): string {
  const copies: Buffer[] = [];
  for (const chunk of bytes.chunks()) copies.push(Buffer.from(chunk));
  return Buffer.concat(copies).toString('utf8');
}
const codeOf = (read: () => unknown) => {
  try {
    read();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

describe('a file read in passes', () => {
  const body = 'ФИО;Группа\n' + 'Иванов Иван Иванович;ИС-25\n'.repeat(10_000);

  it('gives the same bytes on every pass', () => {
    const file = path.join(dir, 'same.csv');
    fs.writeFileSync(file, body);
    const bytes = fileBytes(file, 1 << 20);
    expect(text(bytes)).toBe(body);
    expect(text(bytes)).toBe(body);
  });

  it('is refused as changed when the file is rewritten between passes, or replaced by another', () => {
    const file = path.join(dir, 'rewritten.csv');
    fs.writeFileSync(file, body);
    const bytes = fileBytes(file, 1 << 20);
    text(bytes);
    fs.appendFileSync(file, 'Петров Пётр Петрович;ИС-25\n');
    expect(codeOf(() => text(bytes))).toBe('file_changed');

    const other = path.join(dir, 'replaced.csv');
    fs.writeFileSync(other, body);
    const first = fileBytes(other, 1 << 20);
    fs.writeFileSync(other + '.new', body);
    fs.renameSync(other + '.new', other);
    expect(codeOf(() => text(first))).toBe('file_changed');
  });

  it('is refused as changed when the file grows during a pass', () => {
    const file = path.join(dir, 'growing.csv');
    fs.writeFileSync(file, body);
    const bytes = fileBytes(file, 1 << 20);
    expect(
      codeOf(() => {
        let first = true;
        for (const _ of bytes.chunks()) {
          if (first) fs.appendFileSync(file, 'x'.repeat(200_000));
          first = false;
        }
      }),
    ).toBe('file_changed');
  });
});
