import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house of ../shared/STYLE.md: arrows run downward only. A module may import from its own
 * room, a room beside it on the same floor, or a floor below.
 */
const FLOOR: Record<string, number> = { core: 0, domain: 1, io: 2, store: 2, reports: 2, services: 3, cli: 4, commands: 4 };
const SRC = resolve(__dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function roomOf(path: string): string {
  const rel = relative(SRC, path);
  return rel.includes('/') ? rel.split('/')[0] : 'entry';
}

const imports = files(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)].map((m) => ({
    file: relative(SRC, file),
    from: roomOf(file),
    to: roomOf(resolve(dirname(file), (m[1] ?? m[2]).replace(/\.js$/, '.ts'))),
  })),
);

describe('layers', () => {
  it('finds the imports it checks', () => {
    expect(imports.length).toBeGreaterThan(100);
    expect(imports.some((i) => i.from === 'commands' && i.to === 'services')).toBe(true);
  });

  it('no import runs upward', () => {
    const upward = imports.filter((i) => i.from !== 'entry' && FLOOR[i.to] !== undefined && FLOOR[i.to] > FLOOR[i.from]);
    expect(upward.map((i) => `${i.file} → ${i.to}/`)).toEqual([]);
  });

  it('the domain imports nothing but the ground and itself', () => {
    const bad = imports.filter((i) => i.from === 'domain' && i.to !== 'domain' && i.to !== 'core');
    expect(bad.map((i) => `${i.file} → ${i.to}/`)).toEqual([]);
  });

  it('no command opens a transaction', () => {
    const offenders = files(join(SRC, 'commands')).filter((f) => /\.mutate\(|\.transaction\(/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('the domain has no bilingual message pairs: its words are in the catalogues', () => {
    const offenders = files(join(SRC, 'domain')).filter((f) => /\bL\(/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });
});
