import { Command } from 'commander';
import { act, intOption, withExamples } from '../cli/command.js';
import { L } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { optionalDate } from '../cli/values.js';
import { listAudit } from '../store/audit.js';

export default function (): Command {
  return withExamples(
    new Command('log')
      .description('the audit log: who changed what, when, with before/after')
      .option('--since <date>', 'from this day on')
      .option('--actor <name>', 'only this actor')
      .option('--entity <name>', 'only this kind of entity (year, period, group, student, ...)')
      .option('--limit <n>', 'only the latest N records', intOption(1))
      .action(
        act(async (ctx, opts: { since?: string; actor?: string; entity?: string; limit?: number }) => {
          const since = optionalDate(opts.since, '--since');
          // commander may hand `--actor` to the global option; for a read it can only mean the filter
          // (but $REGISTRAR_ACTOR, who acts, never filters).
          const actor = opts.actor ?? ctx.opts.actor;
          const records = listAudit(await ctx.openStore(), { since, actor, entity: opts.entity, limit: opts.limit });
          ctx.result(records, () =>
            printTable(
              ctx,
              [L('time', 'время'), L('actor', 'кто'), L('action', 'действие'), L('entity', 'объект'), L('command', 'команда')],
              records.map((r) => [r.at.replace('T', ' ').slice(0, 19), r.actor, r.action, `${r.entity}${r.entity_id ? ' ' + r.entity_id : ''}`, r.command]),
            ),
          );
        }),
      ),
    'registrar log --since 2025-09-01 --entity group',
    'registrar log --limit 20 --json',
  );
}
