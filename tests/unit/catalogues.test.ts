import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../src/core/messages/en.js';
import { ru } from '../../src/core/messages/ru.js';
import { detectLang, setLang, t } from '../../src/core/i18n.js';
import { InputError } from '../../src/core/errors.js';
import { Command, Option } from 'commander';
import { localizeCommanderMessage, localizedHelp } from '../../src/cli/commanderText.js';

describe('message catalogues', () => {
  afterEach(() => setLang('en'));

  it('have the same keys in both languages', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it('have Russian wording in the Russian catalogue: no message is left in English', () => {
    // Parameters are filled with a placeholder, so only the catalogue's own words are judged.
    const value = Object.assign(['1'], { toString: () => '1' });
    const filler = new Proxy({}, { get: () => value });
    const text = (v: unknown) => (typeof v === 'function' ? String(v(filler)) : String(v));
    const english = Object.entries(ru)
      .filter(([, v]) => /[A-Za-z]{3,}\s+[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(text(v).replace(/`[^`]*`|registrar [^)]*|--[\w-]+|\$\w+/g, '')))
      .map(([k]) => k);
    expect(english).toEqual([]);
  });

  it('pick the language from --lang, else the locale variables', () => {
    expect(detectLang('ru', { LANG: 'en_US.UTF-8' })).toBe('ru');
    expect(detectLang(undefined, { LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(detectLang(undefined, { LC_ALL: 'en_GB.UTF-8', LANG: 'ru_RU.UTF-8' })).toBe('en');
    expect(detectLang(undefined, {})).toBe('en');
  });

  it('render an error from its code and parameters, which become the JSON details', () => {
    setLang('ru');
    const error = new InputError('file_exists', { file: 'a.csv' });
    expect(error.message).toBe('Файл a.csv уже существует; чтобы перезаписать его, укажите --force');
    expect(error).toMatchObject({ exitCode: 3, code: 'file_exists', details: { file: 'a.csv' } });
    setLang('en');
    expect(t('file_exists', { file: 'a.csv' })).toBe('a.csv already exists; use --force to overwrite it');
  });
});

describe('a refusal said with more context', () => {
  it('keeps its exit code and stable code, takes the message and details given', () => {
    const inner = new InputError('file_exists', { file: 'a.csv' });
    const outer = inner.within('write_failed', { file: 'b.csv', reason: inner.message }, { step: 2 });
    expect(outer).toMatchObject({ exitCode: 3, code: 'file_exists', details: { step: 2 } });
    expect(outer.message).toBe('Cannot write b.csv: a.csv already exists; use --force to overwrite it; nothing was written');
  });
});

describe("commander's own words", () => {
  afterEach(() => setLang('en'));

  it('are translated in Russian with the one error prefix', () => {
    setLang('ru');
    expect(localizeCommanderMessage("error: unknown option '--grup'\n(Did you mean --group?)\n")).toBe('registrar: неизвестный параметр «--grup»\n(Возможно, имелось в виду --group?)\n');
    expect(localizeCommanderMessage("error: required option '--program <code>' not specified")).toBe('registrar: не указан обязательный параметр «--program <code>»');
    expect(localizeCommanderMessage("error: option '--lang <lang>' argument 'de' is invalid. Allowed choices are ru, en.")).toBe('registrar: параметр «--lang <lang>»: недопустимое значение «de». Допустимые значения: ru, en.');
    expect(localizeCommanderMessage("error: option '--undo <year>' cannot be used with option '--rename <policy>'")).toBe('registrar: параметр «--undo <year>» и параметр «--rename <policy>» нельзя указывать вместе');
    expect(localizeCommanderMessage("error: environment variable 'REGISTRAR_X' cannot be used with option '--y'")).toBe('registrar: переменная окружения «REGISTRAR_X» и параметр «--y» нельзя указывать вместе');
  });

  it('keep English in English, with the same prefix', () => {
    expect(localizeCommanderMessage("error: unknown command 'grup'")).toBe("registrar: unknown command 'grup'");
    const help = helpPage(80).replace(/\s+/g, ' ');
    expect(help).toContain('Usage: registrar rollover [options]');
    expect(help).toContain('(choices: "conditional", "hold", default: "conditional")');
  });
});

/** The help of a command with an argument, a subcommand and options with choices and defaults, `width` columns wide. */
function helpPage(width: number): string {
  const command = new Command('registrar').configureHelp({ ...localizedHelp(), helpWidth: width });
  command.command('rollover').description('move the groups on to the next year').option('--from <year>', 'year').addOption(
    new Option('--debtors <policy>', 'students with academic debts: transfer conditionally or hold them back').choices(['conditional', 'hold']).default('conditional'),
  );
  command.command('show <name>').description('show a group').argument('[on]', 'the date to show the group on', 'today').option('--json', 'JSON');
  return command.commands[0].helpInformation() + command.commands[1].helpInformation() + command.helpInformation();
}

describe("commander's help in Russian", () => {
  afterEach(() => setLang('en'));

  it('has no English word of commander at any width, wherever it breaks the lines', () => {
    setLang('ru');
    for (let width = 20; width <= 160; width++) {
      const help = helpPage(width);
      expect(help, `width ${width}`).not.toMatch(/choices|default|Usage|Options|Commands|Arguments|\[options\]|\[command\]/);
      expect(help.replace(/\s+/g, ' '), `width ${width}`).toContain('(варианты: "conditional", "hold", по умолчанию: "conditional")');
      expect(help.replace(/\s+/g, ' '), `width ${width}`).toContain('(по умолчанию: "today")');
    }
  });

  it('lines the descriptions up with the translated command terms', () => {
    setLang('ru');
    const commands = helpPage(80).split('Команды:\n')[1].split('\n').filter((line) => /^  \S/.test(line));
    const column = (line: string) => /^  \S.*?\s{2,}/.exec(line)![0].length;
    expect(commands.length).toBe(3);
    expect(commands[0]).toContain('rollover [параметры]');
    expect(new Set(commands.map(column)).size).toBe(1);
  });
});
