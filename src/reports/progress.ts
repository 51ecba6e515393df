/**
 * Итоги успеваемости: per group the counts of отличники, хорошисты, students with one 3,
 * неуспевающие and н/а, with успеваемость % and качество %; for several groups also the
 * organisation's line (the sums, and the rates over all the students counted).
 */
import { t } from '../core/i18n.js';
import { addSummaries, type ProgressSummary } from '../domain/reportRules.js';
import type { Store } from '../store/store.js';
import type { Report, ReportValue } from './model.js';
import { periodLabel, type GroupScope, type ReportScope } from './scope.js';
import { signatures, statementFigures, summaryNotes } from './statement.js';

const FIGURES = ['students', 'excellent', 'good', 'withOneThree', 'failing', 'notAssessed', 'successRate', 'qualityRate'] as const;

/** The results of these groups (one scope each, same range); the organisation's line when more than one. */
export function progressReport(store: Store, scope: ReportScope, groups: readonly GroupScope[]): Report {
  const lines = groups.map((g) => ({ group: g.group.name, ...statementFigures(store, g).summary }));
  const total: ProgressSummary = addSummaries(lines);
  const row = (label: string, s: ProgressSummary): Record<string, ReportValue> => ({ group: label, ...Object.fromEntries(FIGURES.map((k) => [k, s[k]])) });
  const one = groups.length === 1 ? groups[0] : undefined;
  return {
    title: t('reports_progress_title'),
    meta: { org: scope.org?.name, group: one?.group.name, period: periodLabel(scope), madeOn: scope.madeOn },
    columns: [
      { key: 'group', header: t('reports_col_group') },
      { key: 'students', header: t('reports_col_students'), align: 'right' },
      { key: 'excellent', header: t('reports_col_excellent'), align: 'right' },
      { key: 'good', header: t('reports_col_good'), align: 'right' },
      { key: 'withOneThree', header: t('reports_col_with_one_three'), align: 'right' },
      { key: 'failing', header: t('reports_col_failing'), align: 'right' },
      { key: 'notAssessed', header: t('reports_col_not_assessed'), align: 'right' },
      { key: 'successRate', header: t('reports_col_success'), align: 'right' },
      { key: 'qualityRate', header: t('reports_col_quality'), align: 'right' },
    ],
    rows: lines.map((l) => row(l.group, l)),
    totals: groups.length > 1 ? row(t('reports_org_total'), total) : undefined,
    notes: summaryNotes(total),
    signatures: one ? signatures(one) : [t('reports_sign_deputy'), scope.org?.director ? t('reports_sign_director_named', { name: scope.org.director }) : t('reports_sign_director')],
    data: { period: scope.label, from: scope.from, to: scope.to, groups: lines, total },
  };
}
