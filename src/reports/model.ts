import type { IsoDate } from '../domain/dates.js';

/**
 * The one shape of every report and list. A report builder fills it with what the report
 * means; the renderers (terminal table, JSON, CSV, XLSX, HTML) know nothing of its meaning.
 */
export type ReportValue = string | number | null;

export interface ReportColumn {
  key: string;
  header: string;
  align?: 'left' | 'right' | 'center';
  /** The rows hold ISO dates here: JSON keeps them, everything else prints 01.09.2025. */
  date?: boolean;
}

export interface ReportMeta {
  org?: string;
  group?: string;
  period?: string;
  from?: IsoDate;
  to?: IsoDate;
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
  /** Who signs the printed copy: «Директор И. И. Петров»; a line to sign on follows each. */
  signatures?: string[];
}
