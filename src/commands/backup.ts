import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { t } from '../core/i18n.js';
import { withSpinner } from '../cli/spinner.js';
import { backupStore, defaultBackupPath } from '../store/backup.js';

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
