import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { t } from '../core/i18n.js';
import { printRecord } from '../cli/table.js';
import { publicOrg, setOrg, type OrgChange } from '../services/setup.js';
import { getOrg } from '../store/org.js';

export default function (): Command {
  const org = withExamples(
    new Command('org').description(t('help_org')),
    'registrar org show',
    'registrar org set --inn 1435000008 --director "Петров Пётр Петрович"',
  );

  withExamples(
    org.command('show').description(t('help_org_show')).action(
      act(async (ctx) => {
        const card = publicOrg(getOrg(await ctx.openStore()));
        ctx.result(card, () =>
          printRecord(ctx, [
            [t('org_label_name'), card.name],
            [t('org_label_short_name'), card.shortName],
            [t('org_label_inn'), card.inn],
            [t('org_label_address'), card.address],
            [t('org_label_director'), card.director],
          ]),
        );
      }),
    ),
    'registrar org show',
    'registrar org show --json',
  );

  withExamples(
    org
      .command('set')
      .description(t('help_org_set'))
      .option('--name <name>', t('opt_org_name'))
      .option('--short-name <name>', t('opt_setup_short_name'))
      .option('--inn <inn>', t('opt_org_inn'))
      .option('--address <text>', t('opt_org_address'))
      .option('--director <name>', t('opt_org_director'))
      .action(
        act(async (ctx, opts: OrgChange) => {
          const card = setOrg(await ctx.openStore(), opts);
          ctx.result(card, () => ctx.done(t('org_updated')));
        }),
      ),
    'registrar org set --inn 1435000008 --director "Петров Пётр Петрович"',
  );
  return org;
}
