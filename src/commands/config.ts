import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { printTable } from '../cli/table.js';
import { SETTINGS } from '../domain/settings.js';
import { allSettings, getSetting, setSetting } from '../store/settings.js';

export default function (): Command {
  const config = new Command('config').description('settings: grading thresholds, edit window, lesson hours, password length');

  withExamples(
    config
      .command('get [key]')
      .description('show one setting, or all of them')
      .action(
        act(async (ctx, _opts, key?: string) => {
          const store = await ctx.openStore();
          if (key) {
            const value = getSetting(store, key);
            ctx.result({ key, value }, () => ctx.print(value));
            return;
          }
          const all = allSettings(store);
          ctx.result(all, () => printTable(ctx, ['key', 'value', 'default', 'meaning'], Object.entries(all).map(([k, v]) => [k, v, SETTINGS[k].default, SETTINGS[k].description])));
        }),
      ),
    'registrar config get',
    'registrar config get journal.editWindowDays',
  );

  withExamples(
    config
      .command('set <key> <value>')
      .description('change a setting')
      .action(
        act(async (ctx, _opts, key: string, value: string) => {
          const saved = setSetting(await ctx.openStore(), key, value);
          ctx.result({ key, value: saved }, () => ctx.done(`${key} = ${saved}`));
        }),
      ),
    'registrar config set grading.thresholds 4.5,3.5,2.5',
    'registrar config set credentials.passwordLength 12',
  );
  return config;
}
