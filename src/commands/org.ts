import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { printRecord } from '../cli/table.js';
import { validateInn } from '../domain/inn.js';
import { getOrg, saveOrg, type OrgCard } from '../store/org.js';

export default function (): Command {
  const org = new Command('org').description('the organisation card (цифровой профиль ПОО)');

  withExamples(
    org.command('show').description('show the organisation card').action(
      act(async (ctx) => {
        const card = getOrg(await ctx.openStore());
        ctx.result(card, () =>
          printRecord(ctx, [
            [L('Name', 'Наименование'), card.name],
            [L('Short name', 'Краткое'), card.short_name],
            [L('INN', 'ИНН'), card.inn],
            [L('Address', 'Адрес'), card.address],
            [L('Director', 'Директор'), card.director],
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
      .description('change fields of the organisation card')
      .option('--name <name>', 'full name')
      .option('--short-name <name>', 'short name')
      .option('--inn <inn>', 'ИНН (10 digits, checksum verified)')
      .option('--address <text>', 'address')
      .option('--director <name>', 'director, full name')
      .action(
        act(async (ctx, opts: { name?: string; shortName?: string; inn?: string; address?: string; director?: string }) => {
          const change: Partial<OrgCard> = {};
          if (opts.name !== undefined) change.name = opts.name.trim();
          if (opts.shortName !== undefined) change.short_name = opts.shortName.trim() || null;
          if (opts.address !== undefined) change.address = opts.address.trim() || null;
          if (opts.director !== undefined) change.director = opts.director.trim() || null;
          if (opts.inn !== undefined) {
            const inn = validateInn(opts.inn);
            if (!inn.ok) throw new InputError('bad_inn', L(`--inn "${opts.inn}": ${inn.reason}`, `--inn «${opts.inn}»: ${inn.reason}`));
            change.inn = inn.value;
          }
          if (!Object.keys(change).length) throw new InputError('nothing_to_set', L('Nothing to change: give --name, --short-name, --inn, --address or --director.', 'Нечего менять: укажите --name, --short-name, --inn, --address или --director.'));
          const store = await ctx.openStore();
          getOrg(store);
          const card = saveOrg(store, change);
          ctx.result(card, () => ctx.done(L('Organisation card updated.', 'Карточка организации обновлена.')));
        }),
      ),
    'registrar org set --inn 1435000000 --director "Петров Пётр Петрович"',
  );
  return org;
}
