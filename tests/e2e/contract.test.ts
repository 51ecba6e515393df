import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox, englishIn, helpPages } from './harness.js';

/**
 * The contract of ../shared/CLI.md across every command at once, on the demo college: JSON keys
 * are camelCase everywhere, in results and in errors.
 */
let sb: Sandbox;
beforeAll(() => {
  sb = new Sandbox();
  sb.ok(['demo', '--dir', 'demo', '--quiet']);
}, 300_000);
afterAll(() => sb?.cleanup());

const AUTUMN = { REGISTRAR_TODAY: '2025-10-20' };

/** Every key of a JSON document, at any depth, that is not camelCase (setting names are dotted camelCase: `grading.thresholds`). */
function badKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => badKeys(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/.test(k) || /^[^a-zA-Z_]/.test(k) ? [] : [`${path}.${k}`]), ...badKeys(v, `${path}.${k}`)]);
}

const READS: string[][] = [
  ['org', 'show'],
  ['config', 'get'],
  ['year', 'list'],
  ['year', 'show', '2025/2026'],
  ['period', 'list', '--year', '2025/2026'],
  ['calendar', 'show', '--year', '2026'],
  ['program', 'list'],
  ['subject', 'list', '--program', '09.02.07'],
  ['plan', 'show', '--program', '09.02.07'],
  ['staff', 'list'],
  ['group', 'list', '--year', '2025/2026'],
  ['group', 'show', 'ИС-25', '--year', '2025/2026'],
  ['student', 'list', '--status', 'all'],
  ['student', 'show', 'Белова Надежда Олеговна'],
  ['order', 'list'],
  ['order', 'show', '12-к'],
  ['credentials', 'list'],
  ['log', '--limit', '20'],
  ['journal', 'show', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1', '--year', '2025/2026'],
  ['grades', 'suggest', '--group', 'ИС-25', '--period', 'S1', '--year', '2025/2026'],
  ['journal', 'worktype', 'list'],
  ['report', 'movement', '--from', '2025-08-01', '--to', '2026-09-30'],
  ['report', 'outcomes', '--year', '2025/2026'],
];

describe('one vocabulary in the contract', () => {
  it.each(READS.map((args) => [args.join(' '), args]))('%s --json: camelCase keys only', (_name, args) => {
    const r = sb.run(['--db', sb.path('demo/registrar.db'), ...(args as string[]), '--json'], { env: AUTUMN });
    expect(r.code, r.stderr).toBe(0);
    expect(badKeys(JSON.parse(r.stdout))).toEqual([]);
  });

  it('errors are camelCase too, with a stable code', () => {
    const r = sb.run(['--db', sb.path('demo/registrar.db'), 'student', 'import', sb.path('nope.csv'), '--json']);
    expect(r.code).toBe(3);
    const error = JSON.parse(r.stderr);
    expect(Object.keys(error.error).sort()).toEqual(['code', 'details', 'message']);
    expect(badKeys(error)).toEqual([]);
  });
});

describe('one language at a time', () => {
  /** Commander's own English in a help page: titles, usage words, option extras, its help option. */
  const COMMANDER_ENGLISH = /choices|default|Usage|Options|Commands|Arguments|Examples|display help for command|\[options\]|\[command\]/;

  it('under LANG=ru every help page of every command is Russian: no English sentence, Russian frame', () => {
    const box = new Sandbox({ LANG: 'ru_RU.UTF-8' });
    try {
      const all = helpPages(box);
      expect(all.map((p) => p.path.join(' '))).toEqual(expect.arrayContaining(['group subgroup add', 'journal mark set', 'calendar holiday add']));
      const english: string[] = [];
      for (const { path, help } of all) {
        english.push(...englishIn(help).map((e) => `${path.join(' ')}: ${e}`));
        expect(help, path.join(' ')).toMatch(/^Использование:/);
        // Commander's words, wherever it wraps the lines (after «(choices:» say).
        expect(help, path.join(' ')).not.toMatch(COMMANDER_ENGLISH);
      }
      expect(english).toEqual([]);
    } finally {
      box.cleanup();
    }
  }, 300_000);

  it("commander's own messages are Russian under LANG=ru, with the one error prefix", () => {
    const ru = { env: { LANG: 'ru_RU.UTF-8' } };
    const unknown = sb.run(['studnet', 'list'], ru);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('registrar: неизвестная команда «studnet»\n(Возможно, имелось в виду student?)\n');
    const required = sb.run(['group', 'create', 'X-1'], ru);
    expect(required.code).toBe(2);
    expect(required.stderr).toMatch(/^registrar: не указан обязательный параметр «--program <code>»/);
    // A command that only holds subcommands, run bare, prints its help as the error.
    const bare = sb.run(['journal', 'mark'], ru);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Команды:');
    expect(bare.stderr).not.toMatch(COMMANDER_ENGLISH);
  });
});
