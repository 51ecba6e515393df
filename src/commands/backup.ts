import { resolve } from 'node:path';
import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { t } from '../core/i18n.js';
import { warnUnfinishedCopiesRemoved } from '../cli/output.js';
import { withSpinner } from '../cli/spinner.js';
import { backupStore, defaultBackupPath, makeBackupDirectory } from '../store/backup.js';

export default function (): Command {
  return withExamples(
    new Command('backup')
      .argument('[file]', t('arg_backup_file'))
      .option('--force', t('opt_backup_force'))
      .description(t('help_backup'))
      .action(
        act(async (ctx, opts: { force?: boolean }, file?: string) => {
          const store = await ctx.openStore();
          const target = file ? resolve(file) : defaultBackupPath(store.path, store.nowIso());
          if (!file) makeBackupDirectory(target);
          const removed = await withSpinner(ctx, t('backup_copying', { path: target }), () => backupStore(store, target, { force: opts.force }));
          warnUnfinishedCopiesRemoved(ctx, removed);
          ctx.result({ store: store.path, backup: target, unfinishedCopiesRemoved: removed }, () => ctx.done(t('backup_written', { path: target })));
        }),
      ),
    'registrar backup',
    'registrar backup /srv/backups/registrar-$(date +%F).db',
    'registrar backup /srv/backups/registrar-latest.db --force',
  );
}
