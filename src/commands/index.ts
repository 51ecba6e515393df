import type { Command } from 'commander';
import type { MessageKey } from '../core/i18n.js';

/**
 * Every top-level command, loaded lazily: `registrar --help` and `--version` load none of
 * these modules, and running a command loads only its own.
 */
export interface CommandSpec {
  name: string;
  /** The catalogue key of the one-line summary shown in `registrar --help`. */
  summary: MessageKey;
  load: () => Promise<{ default: () => Command }>;
}

export const COMMANDS: CommandSpec[] = [
  { name: 'init', summary: 'cmd_init', load: () => import('./init.js') },
  { name: 'org', summary: 'cmd_org', load: () => import('./org.js') },
  { name: 'config', summary: 'cmd_config', load: () => import('./config.js') },
  { name: 'year', summary: 'cmd_year', load: () => import('./year.js') },
  { name: 'period', summary: 'cmd_period', load: () => import('./period.js') },
  { name: 'calendar', summary: 'cmd_calendar', load: () => import('./calendar.js') },
  { name: 'program', summary: 'cmd_program', load: () => import('./program.js') },
  { name: 'subject', summary: 'cmd_subject', load: () => import('./subject.js') },
  { name: 'plan', summary: 'cmd_plan', load: () => import('./plan.js') },
  { name: 'staff', summary: 'cmd_staff', load: () => import('./staff.js') },
  { name: 'group', summary: 'cmd_group', load: () => import('./group.js') },
  { name: 'student', summary: 'cmd_student', load: () => import('./student.js') },
  { name: 'guardian', summary: 'cmd_guardian', load: () => import('./guardian.js') },
  { name: 'order', summary: 'cmd_order', load: () => import('./order.js') },
  { name: 'credentials', summary: 'cmd_credentials', load: () => import('./credentials.js') },
  { name: 'journal', summary: 'cmd_journal', load: () => import('./journal.js') },
  { name: 'grades', summary: 'cmd_grades', load: () => import('./grades.js') },
  { name: 'coursework', summary: 'cmd_coursework', load: () => import('./coursework.js') },
  { name: 'report', summary: 'cmd_report', load: () => import('./report.js') },
  { name: 'log', summary: 'cmd_log', load: () => import('./log.js') },
  { name: 'backup', summary: 'cmd_backup', load: () => import('./backup.js') },
  { name: 'demo', summary: 'cmd_demo', load: () => import('./demo.js') },
];
