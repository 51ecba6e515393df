import { Command } from 'commander';
import { act, intOption, withExamples } from '../cli/command.js';
import { t } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { optionalDate } from '../cli/values.js';
import { auditActionLabel, auditSubject, auditTime, camelKeys } from '../domain/auditLabels.js';
import { listAudit, type AuditRecord } from '../store/audit.js';

/** A record as `log --json` shows it: camelCase keys, in the record's data too. */
function publicRecord(r: AuditRecord) {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    command: r.command,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: camelKeys(r.before),
    after: camelKeys(r.after),
  };
}

export default function (): Command {
  return withExamples(
    new Command('log')
      .description(t('help_log'))
      .option('--since <date>', t('opt_log_since'))
      .option('--actor <name>', t('opt_log_actor'))
      .option('--entity <name>', t('opt_log_entity'))
      .option('--limit <n>', t('opt_log_limit'), intOption(1))
      .action(
        act(async (ctx, opts: { since?: string; actor?: string; entity?: string; limit?: number }) => {
          const since = optionalDate(opts.since, '--since');
          // commander may hand `--actor` to the global option; for a read it can only mean the filter
          // (but $REGISTRAR_ACTOR, who acts, never filters).
          const actor = opts.actor ?? ctx.opts.actor;
          const records = listAudit(await ctx.openStore(), { since, actor, entity: opts.entity, limit: opts.limit });
          ctx.result(records.map(publicRecord), () =>
            printTable(
              ctx,
              [t('log_col_time'), t('log_col_actor'), t('log_col_action'), t('log_col_entity'), t('log_col_command')],
              records.map((r) => [auditTime(r.at), r.actor, auditActionLabel(r.action), auditSubject(r.entity, r.entity_id), r.command]),
            ),
          );
        }),
      ),
    'registrar log --since 2025-09-01 --entity group',
    'registrar log --limit 20 --json',
  );
}
