import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { L } from '../core/i18n.js';
import { withSpinner } from '../cli/spinner.js';
import type { Store } from '../store/store.js';

export default function (): Command {
  return withExamples(
    new Command('backup')
      .argument('[file]', 'where to write the copy (default: backups/<store>-<timestamp>.db beside the store)')
      .description('an online copy of the store, consistent even while others write')
      .action(
        act(async (ctx, _opts, file?: string) => {
          const store = await ctx.openStore();
          const target = file ? resolve(file) : defaultBackupPath(store.path);
          if (existsSync(target)) await ctx.confirm(L(`${target} exists; overwrite it?`, `${target} уже существует; перезаписать?`));
          await withSpinner(ctx, L(`Copying the store to ${target}`, `Копирование хранилища в ${target}`), () => backupStore(store, target));
          ctx.result({ store: store.path, backup: target }, () => ctx.done(L(`Backup written: ${target}`, `Резервная копия: ${target}`)));
        }),
      ),
    'registrar backup',
    'registrar backup /srv/backups/registrar-$(date +%F).db',
  );
}

export function defaultBackupPath(storePath: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(dirname(storePath), 'backups', `${basename(storePath, '.db')}-${stamp}.db`);
}

/** SQLite's online backup into a temporary file, renamed into place when complete. */
export async function backupStore(store: Store, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    await store.db.backup(tmp);
    // A copy holds personal data and password hashes: readable by the owner only.
    chmodSync(tmp, 0o600);
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { force: true });
  }
}
