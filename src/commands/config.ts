import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { t } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { SETTINGS, settingMeaning } from '../domain/settings.js';
import { setConfig } from '../services/setup.js';
import { allSettings, getSetting } from '../store/settings.js';

export default function (): Command {
  const config = withExamples(
    new Command('config').description(t('help_config')),
    'registrar config get',
    'registrar config set journal.editWindowDays 7',
  );

  withExamples(
    config
      .command('get [key]')
      .description(t('help_config_get'))
      .action(
        act(async (ctx, _opts, key?: string) => {
          const store = await ctx.openStore();
          if (key) {
            const value = getSetting(store, key);
            ctx.result({ key, value }, () => ctx.print(value));
            return;
          }
          const all = allSettings(store);
          ctx.result(all, () =>
            printTable(
              ctx,
              [t('setup_col_key'), t('setup_col_value'), t('setup_col_default'), t('setup_col_meaning')],
              Object.entries(all).map(([k, v]) => [k, v, SETTINGS[k].default, settingMeaning(k)]),
            ),
          );
        }),
      ),
    'registrar config get',
    'registrar config get journal.editWindowDays',
  );

  withExamples(
    config
      .command('set <key> <value>')
      .description(t('help_config_set'))
      .action(
        act(async (ctx, _opts, key: string, value: string) => {
          const saved = setConfig(await ctx.openStore(), key, value);
          ctx.result(saved, () => ctx.done(`${saved.key} = ${saved.value}`));
        }),
      ),
    'registrar config set grading.thresholds 4.5,3.5,2.5',
    'registrar config set credentials.passwordLength 12',
  );
  return config;
}
