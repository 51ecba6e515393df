import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { t } from '../core/i18n.js';
import { withSpinner } from '../cli/spinner.js';
import type { Store } from '../store/store.js';

export default function (): Command {
  return withExamples(
    new Command('backup')
      .argument('[file]', t('arg_backup_file'))
      .description(t('help_backup'))
      .action(
        act(async (ctx, _opts, file?: string) => {
          const store = await ctx.openStore();
          const target = file ? resolve(file) : defaultBackupPath(store.path, store.nowIso());
          if (existsSync(target)) await ctx.confirm(t('backup_overwrite', { path: target }));
          await withSpinner(ctx, t('backup_copying', { path: target }), () => backupStore(store, target));
          ctx.result({ store: store.path, backup: target }, () => ctx.done(t('backup_written', { path: target })));
        }),
      ),
    'registrar backup',
    'registrar backup /srv/backups/registrar-$(date +%F).db',
  );
}

/** backups/<store>-<YYYYMMDD-HHMMSS>.db beside the store, stamped with `now` (an ISO timestamp from the store's clock). */
export function defaultBackupPath(storePath: string, now: string): string {
  const stamp = now.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
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
