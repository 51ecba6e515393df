/**
 * Отчёт куратора за период: the statement, the attendance statement and the results of one
 * group, under the curator's name.
 */
import { t } from '../core/i18n.js';
import type { Store } from '../store/store.js';
import { attendanceReport } from './attendance.js';
import type { Report } from './model.js';
import { progressReport } from './progress.js';
import { periodLabel, type GroupScope } from './scope.js';
import { signatures, statementReport } from './statement.js';

export function curatorReport(store: Store, scope: GroupScope): Report {
  const parts = [statementReport(store, scope), attendanceReport(store, scope, { byMonth: true }), progressReport(store, scope, [scope])];
  const curator = scope.group.curator;
  return {
    title: t('reports_curator_title'),
    meta: { org: scope.org?.name, group: scope.group.name, period: periodLabel(scope), madeOn: scope.madeOn },
    columns: [],
    rows: [],
    notes: [curator ? t('reports_note_curator', { name: curator }) : t('reports_note_no_curator')],
    parts: parts.map(({ signatures: _s, meta: _m, ...p }) => ({ ...p, meta: {} })),
    signatures: signatures(scope),
    data: { group: scope.group.name, period: scope.label, curator, statement: parts[0].data, attendance: parts[1].data, progress: parts[2].data },
  };
}
