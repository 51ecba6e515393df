import { excerpt } from './excerpt.js';
import { t } from './i18n.js';

/** A problem with one row of an input file, as the user counts rows. */
export interface RowIssue {
  row: number;
  column?: string;
  value?: string;
  reason: string;
}

export function isRowIssue(x: unknown): x is RowIssue {
  return typeof x === 'object' && x !== null && 'row' in x && 'reason' in x;
}

/** `row 7, СНИЛС «112-233-445 96»: checksum does not match` */
export function formatRowIssue(issue: RowIssue): string {
  const where = [t('row_at', { row: issue.row }), issue.column].filter(Boolean).join(', ');
  const value = issue.value ? ` «${excerpt(issue.value)}»` : '';
  return `${where}${value}: ${issue.reason}`;
}
