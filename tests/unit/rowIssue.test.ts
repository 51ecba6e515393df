import { describe, expect, it } from 'vitest';
import { setLang } from '../../src/core/i18n.js';
import { formatRowIssue } from '../../src/core/rowIssue.js';

describe('a row issue as a line', () => {
  it('names the row, the column and a short escaped excerpt of the value', () => {
    setLang('en');
    expect(formatRowIssue({ row: 7, column: 'СНИЛС', value: '112-233-445 96', reason: 'checksum does not match' })).toBe('row 7, СНИЛС «112-233-445 96»: checksum does not match');
  });

  it('escapes and bounds a reason that quotes the value again: one line, whatever the cell held', () => {
    setLang('en');
    const cell = 'устный; ответ\nс переносом\u001b[2J' + 'x'.repeat(9_000);
    const line = formatRowIssue({ row: 3, column: 'work type', value: cell, reason: `No work type «${cell}»; known: устный ответ` });
    expect(line).not.toMatch(/[\n\u001b]/);
    expect(line).toContain('ответ\\u000aс переносом\\u001b[2J');
    expect(line.length).toBeLessThan(600);
  });
});
