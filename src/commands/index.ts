import type { Command } from 'commander';

/**
 * Every top-level command, loaded lazily: `registrar --help` and `--version` load none of
 * these modules, and running a command loads only its own.
 */
export interface CommandSpec {
  name: string;
  summary: string;
  load: () => Promise<{ default: () => Command }>;
}

export const COMMANDS: CommandSpec[] = [
  { name: 'init', summary: 'create the store: organisation, first year and its periods', load: () => import('./init.js') },
  { name: 'org', summary: 'the organisation card', load: () => import('./org.js') },
  { name: 'config', summary: 'settings (grading thresholds, edit window, ...)', load: () => import('./config.js') },
  { name: 'year', summary: 'academic years', load: () => import('./year.js') },
  { name: 'period', summary: 'periods of a year: semesters, trimesters, quarters', load: () => import('./period.js') },
  { name: 'calendar', summary: 'production calendar, holidays, working-day deadlines', load: () => import('./calendar.js') },
  { name: 'program', summary: 'educational programs', load: () => import('./program.js') },
  { name: 'subject', summary: 'subjects: УД, ПМ, МДК, УП, ПП', load: () => import('./subject.js') },
  { name: 'plan', summary: 'curriculum per program, course and semester', load: () => import('./plan.js') },
  { name: 'staff', summary: 'staff and their positions', load: () => import('./staff.js') },
  { name: 'group', summary: 'study groups of a year', load: () => import('./group.js') },
  { name: 'student', summary: 'students: import, add, list, show, update', load: () => import('./student.js') },
  { name: 'guardian', summary: 'parents and legal representatives', load: () => import('./guardian.js') },
  { name: 'order', summary: 'orders of movement: enrol, transfer, expel, leave, restore, graduate', load: () => import('./order.js') },
  { name: 'credentials', summary: 'accounts of students, parents and staff: issue, list, reset, disable, verify', load: () => import('./credentials.js') },
  { name: 'report', summary: 'reports: movement book, statements, attendance, ...', load: () => import('./report.js') },
  { name: 'log', summary: 'the audit log', load: () => import('./log.js') },
  { name: 'backup', summary: 'an online copy of the store', load: () => import('./backup.js') },
  { name: 'demo', summary: 'build a demo college from fixtures/', load: () => import('./demo.js') },
];
