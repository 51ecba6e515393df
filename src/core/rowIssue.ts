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

/** How much of a reason a line shows: enough for the longest list of known names it gives. */
const MAX_REASON = 400;

/**
 * `row 7, СНИЛС «112-233-445 96»: checksum does not match`. The reason may quote the value
 * again (`No work type «…»`), so it too is escaped and bounded: a crafted cell can neither
 * break the line nor flood the screen.
 */
export function formatRowIssue(issue: RowIssue): string {
  const where = [t('row_at', { row: issue.row }), issue.column].filter(Boolean).join(', ');
  const value = issue.value ? ` «${excerpt(issue.value)}»` : '';
  return `${where}${value}: ${excerpt(issue.reason, MAX_REASON)}`;
}
