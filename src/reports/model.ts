import type { IsoDate } from '../domain/dates.js';

/**
 * The one shape of every report and list. A report builder fills it with what the report
 * means; the renderers (terminal table, JSON, CSV, XLSX, HTML, PDF) know nothing of its
 * meaning, of the terminal or of the store.
 */
/** The formats a report is written in: `table` on the terminal, the others as documents. */
export const REPORT_FORMATS = ['table', 'json', 'csv', 'xlsx', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type ReportValue = string | number | null;

export interface ReportColumn {
  key: string;
  header: string;
  align?: 'left' | 'right' | 'center';
  /** The rows hold ISO dates here: JSON keeps them, everything else prints 01.09.2025. */
  date?: boolean;
  /**
   * A header over a run of neighbouring columns with the same band, as paper statements
   * group subjects under «Экзамены», «Зачёты»…; printed as a second header row above.
   */
  band?: string;
}

export interface ReportMeta {
  org?: string;
  group?: string;
  period?: string;
  from?: IsoDate;
  to?: IsoDate;
  /** The date the document is dated: for a closed period its closing date, so copies are identical. */
  madeOn?: IsoDate;
  /** What the report is about when not a group: a student (letters), a teacher. */
  subject?: string;
}

/** A chart for the printed copies (HTML, PDF): bars per category, one series each, stacked or side by side. */
export interface ChartSpec {
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  stacked?: boolean;
}

export interface Report {
  title: string;
  subtitle?: string;
  meta: ReportMeta;
  columns: ReportColumn[];
  /** Keyed by column key; keys of no column (ids, codes for scripts) appear only in JSON. */
  rows: Record<string, ReportValue>[];
  /** A footer row keyed like the rows, e.g. `{ student: 'Итого', hours: 12 }`. */
  totals?: Record<string, ReportValue>;
  /** More footer rows after the totals (a statement's counts of 5, 4, 3… per subject). */
  footer?: Record<string, ReportValue>[];
  /** Lines printed under the table: the group's rates, the curator's name. */
  notes?: string[];
  /** Who signs the printed copy: «Директор И. И. Петров»; a line to sign on follows each. */
  signatures?: string[];
  charts?: ChartSpec[];
  /**
   * A report made of others (the curator's report, letters to parents): each part is printed
   * in turn after this one's heading; with `pageBreaks`, each on a page of its own.
   */
  parts?: Report[];
  pageBreaks?: boolean;
  /** The document scripts get with --format json, when the report promises its own shape (CLI.md). */
  data?: unknown;
  /** What made the report (name and flags), embedded in XLSX, HTML and PDF for `report verify`. */
  source?: string;
}
