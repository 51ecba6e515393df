import { rebuildTable, valueListChecksAsChains } from './tableRebuild.js';
import type { Db } from './store.js';

/**
 * Versioned schema migrations, applied in order inside one transaction; PRAGMA user_version
 * records the last one applied. Never edit a released migration: add the next one.
 * Every table is STRICT; history is kept, not overwritten (memberships and orders have
 * dates, accounts are disabled rather than deleted, and each disabling is kept).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** What SQL alone cannot say, run after `sql` in the same transaction. */
  run?: (db: Db) => void;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'organisation, year, calendar, teaching structure, staff, audit',
    sql: `
CREATE TABLE org (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  short_name TEXT,
  inn TEXT,
  address TEXT,
  director TEXT
) STRICT;

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE year (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  start TEXT NOT NULL,
  end TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'open', 'closed')),
  CHECK (start < end)
) STRICT;

CREATE TABLE period (
  id INTEGER PRIMARY KEY,
  year_id INTEGER NOT NULL REFERENCES year(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  start TEXT NOT NULL,
  end TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at TEXT,
  closed_by TEXT,
  UNIQUE (year_id, code),
  CHECK (start <= end)
) STRICT;

-- Only the user's own calendar entries; the production calendar ships as data in code.
CREATE TABLE calendar_day (
  date TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'day_off', 'working', 'short')),
  name TEXT
) STRICT;

CREATE TABLE program (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  duration_months INTEGER NOT NULL CHECK (duration_months > 0),
  form TEXT NOT NULL DEFAULT 'очная' CHECK (form IN ('очная', 'очно-заочная', 'заочная')),
  qualification TEXT
) STRICT;

-- A subject belongs to one program's curriculum: ОП.01 is «Операционные системы и среды» in
-- 09.02.07 and «Инженерная графика» in 15.02.16. Its module is a ПМ of the same program: the
-- composite foreign key (hence the otherwise redundant UNIQUE (program_id, id)) says so.
CREATE TABLE subject (
  id INTEGER PRIMARY KEY,
  program_id INTEGER NOT NULL REFERENCES program(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('УД', 'ПМ', 'МДК', 'УП', 'ПП')),
  module_id INTEGER,
  UNIQUE (program_id, code),
  UNIQUE (program_id, id),
  FOREIGN KEY (program_id, module_id) REFERENCES subject(program_id, id),
  CHECK (kind <> 'МДК' OR module_id IS NOT NULL),
  CHECK (kind NOT IN ('УД', 'ПМ') OR module_id IS NULL)
) STRICT;

-- The program of a plan item is its subject's.
CREATE TABLE plan_item (
  id INTEGER PRIMARY KEY,
  subject_id INTEGER NOT NULL REFERENCES subject(id),
  course INTEGER NOT NULL CHECK (course >= 1),
  semester INTEGER NOT NULL CHECK (semester >= 1),
  hours INTEGER NOT NULL CHECK (hours >= 0),
  assessment TEXT CHECK (assessment IN ('экзамен', 'дифзачёт', 'зачёт', 'курсовая', 'квалификационный экзамен')),
  UNIQUE (subject_id, semester)
) STRICT;

CREATE TABLE person (
  id INTEGER PRIMARY KEY,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  middle_name TEXT,
  birth_date TEXT,
  sex TEXT CHECK (sex IN ('М', 'Ж')),
  snils TEXT,
  phone TEXT,
  email TEXT,
  -- lower-case, ё→е full name: SQLite's lower() and NOCASE know only ASCII
  name_key TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX person_snils ON person(snils) WHERE snils IS NOT NULL;
CREATE INDEX person_name ON person(name_key, birth_date);

CREATE TABLE staff (
  person_id INTEGER PRIMARY KEY REFERENCES person(id),
  hired_on TEXT
) STRICT;

CREATE TABLE staff_position (
  staff_id INTEGER NOT NULL REFERENCES staff(person_id),
  position TEXT NOT NULL,
  PRIMARY KEY (staff_id, position)
) STRICT;

CREATE TABLE study_group (
  id INTEGER PRIMARY KEY,
  year_id INTEGER NOT NULL REFERENCES year(id),
  name TEXT NOT NULL,
  program_id INTEGER NOT NULL REFERENCES program(id),
  course INTEGER NOT NULL CHECK (course >= 1),
  curator_id INTEGER REFERENCES staff(person_id),
  predecessor_id INTEGER REFERENCES study_group(id),
  UNIQUE (year_id, name)
) STRICT;
CREATE INDEX study_group_program ON study_group(program_id);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  command TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  action TEXT NOT NULL,
  before TEXT,
  after TEXT
) STRICT;
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE INDEX audit_actor ON audit(actor, at);
`,
  },
  {
    version: 2,
    name: 'students, guardians, orders and memberships',
    sql: `
CREATE TABLE "order" (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL,
  date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('enroll', 'transfer', 'expel', 'leave', 'restore', 'graduate')),
  reason TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (number, date)
) STRICT;
CREATE INDEX order_date ON "order"(date);

CREATE TABLE student (
  person_id INTEGER PRIMARY KEY REFERENCES person(id),
  status TEXT NOT NULL CHECK (status IN ('active', 'leave', 'expelled', 'graduated')),
  enroll_order_id INTEGER REFERENCES "order"(id)
) STRICT;

CREATE TABLE order_item (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES "order"(id),
  student_id INTEGER NOT NULL REFERENCES student(person_id),
  from_group_id INTEGER REFERENCES study_group(id),
  to_group_id INTEGER REFERENCES study_group(id),
  note TEXT,
  UNIQUE (order_id, student_id)
) STRICT;
CREATE INDEX order_item_student ON order_item(student_id);

-- A student belongs to a group from one order to another; to_date NULL means still there.
CREATE TABLE membership (
  id INTEGER PRIMARY KEY,
  student_id INTEGER NOT NULL REFERENCES student(person_id),
  group_id INTEGER NOT NULL REFERENCES study_group(id),
  from_date TEXT NOT NULL,
  to_date TEXT,
  from_order_id INTEGER REFERENCES "order"(id),
  to_order_id INTEGER REFERENCES "order"(id),
  CHECK (to_date IS NULL OR from_date <= to_date)
) STRICT;
CREATE INDEX membership_group ON membership(group_id, from_date);
CREATE INDEX membership_student ON membership(student_id, from_date);

CREATE TABLE guardian (
  person_id INTEGER PRIMARY KEY REFERENCES person(id)
) STRICT;

CREATE TABLE guardianship (
  guardian_id INTEGER NOT NULL REFERENCES guardian(person_id),
  student_id INTEGER NOT NULL REFERENCES student(person_id),
  relation TEXT NOT NULL,
  PRIMARY KEY (guardian_id, student_id)
) STRICT;
CREATE INDEX guardianship_student ON guardianship(student_id);
`,
  },
  {
    version: 3,
    name: 'accounts',
    sql: `
CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  role TEXT NOT NULL CHECK (role IN ('student', 'parent', 'staff')),
  login TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  must_change INTEGER NOT NULL DEFAULT 1 CHECK (must_change IN (0, 1)),
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  disabled_at TEXT,
  disabled_reason TEXT,
  UNIQUE (person_id, role)
) STRICT;
`,
  },
  {
    version: 4,
    name: 'the journal: lessons, marks, attendance, period and final marks, course works',
    sql: `
-- Work types of current marks, each with its weight in the period average (default 1).
CREATE TABLE work_type (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0)
) STRICT;
INSERT INTO work_type (name) VALUES ('устный ответ'), ('письменная работа'), ('самостоятельная работа'), ('контрольная работа'),
  ('практическая работа'), ('лабораторная работа'), ('домашняя работа'), ('тест'), ('реферат'), ('зачёт');

-- A lesson is its group, subject, date and its number among that group's lessons of the subject that day.
CREATE TABLE lesson (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES study_group(id),
  subject_id INTEGER NOT NULL REFERENCES subject(id),
  teacher_id INTEGER REFERENCES staff(person_id),
  date TEXT NOT NULL,
  number INTEGER NOT NULL DEFAULT 1 CHECK (number >= 1),
  hours INTEGER NOT NULL CHECK (hours >= 1),
  topic TEXT,
  homework TEXT,
  entered_at TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  topic_entered_at TEXT,
  topic_entered_by TEXT,
  UNIQUE (group_id, subject_id, date, number)
) STRICT;
CREATE INDEX lesson_group_date ON lesson(group_id, date);
CREATE INDEX lesson_teacher_date ON lesson(teacher_id, date);

-- Current marks: several per lesson and student, one per work type.
CREATE TABLE mark (
  id INTEGER PRIMARY KEY,
  lesson_id INTEGER NOT NULL REFERENCES lesson(id),
  student_id INTEGER NOT NULL REFERENCES student(person_id),
  value TEXT NOT NULL CHECK (value IN ('5', '4', '3', '2', '1', 'зач', 'незач')),
  work_type_id INTEGER NOT NULL REFERENCES work_type(id),
  weight REAL NOT NULL CHECK (weight > 0),
  entered_at TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  UNIQUE (lesson_id, student_id, work_type_id)
) STRICT;
CREATE INDEX mark_student ON mark(student_id, lesson_id);

CREATE TABLE attendance (
  lesson_id INTEGER NOT NULL REFERENCES lesson(id),
  student_id INTEGER NOT NULL REFERENCES student(person_id),
  code TEXT NOT NULL CHECK (code IN ('ОТ', 'Б', 'УП', 'НП', 'ОП', 'ОСВ')),
  entered_at TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  reason_set_at TEXT,
  reason_set_by TEXT,
  PRIMARY KEY (lesson_id, student_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX attendance_student ON attendance(student_id, lesson_id);

-- Period and final marks: kind period needs its period; year, exam and final belong to the year.
CREATE TABLE grade (
  id INTEGER PRIMARY KEY,
  student_id INTEGER NOT NULL REFERENCES student(person_id),
  subject_id INTEGER NOT NULL REFERENCES subject(id),
  year_id INTEGER NOT NULL REFERENCES year(id),
  period_id INTEGER REFERENCES period(id),
  kind TEXT NOT NULL CHECK (kind IN ('period', 'year', 'exam', 'final')),
  value TEXT NOT NULL CHECK (value IN ('5', '4', '3', '2', '1', 'зач', 'незач', 'н/а', 'осв')),
  entered_at TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  CHECK (kind <> 'period' OR period_id IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX grade_key ON grade(student_id, subject_id, year_id, kind, ifnull(period_id, 0));
CREATE INDEX grade_period ON grade(period_id, subject_id);

CREATE TABLE coursework (
  id INTEGER PRIMARY KEY,
  student_id INTEGER NOT NULL REFERENCES student(person_id),
  subject_id INTEGER NOT NULL REFERENCES subject(id),
  year_id INTEGER NOT NULL REFERENCES year(id),
  topic TEXT NOT NULL,
  approved_on TEXT,
  defended_on TEXT,
  mark TEXT CHECK (mark IS NULL OR mark IN ('5', '4', '3', '2')),
  entered_at TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  UNIQUE (student_id, subject_id, year_id),
  CHECK (defended_on IS NULL OR approved_on IS NULL OR approved_on <= defended_on)
) STRICT;
`,
  },
  {
    version: 5,
    name: 'year rollover: the record of each rollover (for undo) and the outcome of each student and year',
    sql: `
-- One rollover per year rolled from. What it inserted is named here or in the tables below,
-- so --undo removes exactly that; audit_id is its own last audit record (undo refuses after
-- any later one).
CREATE TABLE rollover (
  id INTEGER PRIMARY KEY,
  from_year_id INTEGER NOT NULL UNIQUE REFERENCES year(id),
  to_year_id INTEGER NOT NULL REFERENCES year(id),
  year_created INTEGER NOT NULL CHECK (year_created IN (0, 1)),
  calendar_copied TEXT NOT NULL DEFAULT '[]',
  transfer_order_id INTEGER REFERENCES "order"(id),
  graduate_order_id INTEGER REFERENCES "order"(id),
  backup TEXT,
  audit_id INTEGER,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;

CREATE TABLE rollover_group (
  rollover_id INTEGER NOT NULL REFERENCES rollover(id),
  group_id INTEGER NOT NULL UNIQUE REFERENCES study_group(id)
) STRICT;
CREATE INDEX rollover_group_rollover ON rollover_group(rollover_id);

CREATE TABLE rollover_account (
  rollover_id INTEGER NOT NULL REFERENCES rollover(id),
  account_id INTEGER NOT NULL REFERENCES account(id)
) STRICT;
CREATE INDEX rollover_account_rollover ON rollover_account(rollover_id);

-- A student's outcome of a year, decided by the rollover: promoted, conditionally promoted
-- (with debts), held back (stays in the group, with debts), graduated.
CREATE TABLE outcome (
  student_id INTEGER NOT NULL REFERENCES student(person_id),
  year_id INTEGER NOT NULL REFERENCES year(id),
  group_id INTEGER NOT NULL REFERENCES study_group(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('promoted', 'conditional', 'held', 'graduated')),
  rollover_id INTEGER NOT NULL REFERENCES rollover(id),
  PRIMARY KEY (student_id, year_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX outcome_rollover ON outcome(rollover_id);

-- The debts behind a conditional or held outcome: the mark that made each one. A debt closes
-- when a positive mark of the subject is entered later (see domain/rollover.ts openDebts).
CREATE TABLE outcome_debt (
  student_id INTEGER NOT NULL REFERENCES student(person_id),
  year_id INTEGER NOT NULL REFERENCES year(id),
  subject_id INTEGER NOT NULL REFERENCES subject(id),
  value TEXT NOT NULL,
  period TEXT,
  rollover_id INTEGER NOT NULL REFERENCES rollover(id),
  PRIMARY KEY (student_id, year_id, subject_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX outcome_debt_rollover ON outcome_debt(rollover_id);
`,
  },
  {
    version: 6,
    name: 'reports: lessons by date',
    sql: `
-- The college-wide reports of a date range (activity, teacher results) read lessons by date alone.
CREATE INDEX IF NOT EXISTS lesson_date ON lesson(date);
`,
  },
  {
    version: 7,
    name: 'year rollover at scale: the debt marks of a year; no index the 100,000 outcomes of a rollover need not',
    sql: `
-- The period and final marks that are debts (2, 1, незач, н/а), by year and student: which
-- students a rollover looks at one by one (store/rollover.ts PLAIN). Partial, so it stays small.
CREATE INDEX grade_debt ON grade(year_id, student_id) WHERE value IN ('2', '1', 'незач', 'н/а');
-- An undo finds a rollover's outcomes in one pass; every index costs the rollover that writes them.
DROP INDEX outcome_rollover;
`,
  },
  {
    version: 8,
    name: 'subgroups: a group split for some lessons, their members by dates, a lesson of a subgroup',
    sql: `
-- A subgroup of a group (issue 10: a lesson names «date, group (or subgroup)»), written ИС-25/1.
CREATE TABLE subgroup (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES study_group(id),
  name TEXT NOT NULL,
  UNIQUE (group_id, name)
) STRICT;

-- A student is in a subgroup over [from_date, to_date), as in membership; to_date NULL means still there.
CREATE TABLE subgroup_member (
  subgroup_id INTEGER NOT NULL REFERENCES subgroup(id),
  student_id INTEGER NOT NULL REFERENCES student(person_id),
  from_date TEXT NOT NULL,
  to_date TEXT,
  PRIMARY KEY (subgroup_id, student_id, from_date),
  CHECK (to_date IS NULL OR from_date < to_date)
) STRICT, WITHOUT ROWID;
CREATE INDEX subgroup_member_student ON subgroup_member(student_id);

-- A lesson of one subgroup; NULL: the whole group. Its number counts among all the group's
-- lessons of the subject that day, so (group, subject, date, number) stays unique as it was.
ALTER TABLE lesson ADD COLUMN subgroup_id INTEGER REFERENCES subgroup(id);
`,
  },
  {
    version: 9,
    name: 'year rollover: the accounts a rollover disabled are known without a list of them',
    sql: `
-- A rollover disables its graduates' student accounts with its own time as disabled_at, and
-- undo runs only while nothing was written since: those accounts are exactly its graduates'
-- student accounts disabled at that time (store/rollover.ts deleteRollover). A row per account
-- cost a graduating year 25,000 inserts.
DROP TABLE rollover_account;
`,
  },
  {
    version: 10,
    name: 'constraints checked at bulk speed: a CHECK that lists the allowed values becomes a chain of comparisons',
    sql: '',
    // Every table whose CHECKs list values is made again (store/tableRebuild.ts): once, a few
    // seconds for a store of millions of marks; from then on each row written is checked in a
    // tenth of the time. Later migrations write such CHECKs as chains.
    run: (db) => {
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
      for (const name of tables) rebuildTable(db, name, valueListChecksAsChains);
    },
  },
  {
    version: 11,
    name: 'accounts keep the history of their disabling: each time an account was disabled, why, and until when',
    sql: `
-- An account is disabled from disabled_at until enabled_at (NULL: still disabled), for a
-- person's reason (credentials disable) or by an order (graduation, expulsion), as a
-- membership runs from one order to another. Enabling closes the row instead of erasing it,
-- and a graduating year appends a row per graduate instead of rewriting every page of account.
CREATE TABLE account_disabled (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account(id),
  disabled_at TEXT NOT NULL,
  enabled_at TEXT,
  reason TEXT,
  order_id INTEGER REFERENCES "order"(id)
) STRICT;
-- At most one disabling is open per account: the one that says it is disabled now.
CREATE UNIQUE INDEX account_disabled_now ON account_disabled(account_id) WHERE enabled_at IS NULL;
-- A disabling an expulsion or graduation made (a rollover's included) quoted its order, as
-- domain/orders orderReason writes it; it now names the order itself, which a rollover's undo
-- relies on. Any other reason stays as it was written.
INSERT INTO account_disabled (account_id, disabled_at, reason, order_id)
SELECT a.id, a.disabled_at, CASE WHEN o.id IS NULL THEN a.disabled_reason END, o.id
  FROM account a LEFT JOIN "order" o ON o.id = (
         SELECT q.id FROM order_item i JOIN "order" q ON q.id = i.order_id
          WHERE a.role = 'student' AND i.student_id = a.person_id AND q.kind IN ('expel', 'graduate')
            AND a.disabled_reason = 'приказ ' || CASE q.kind WHEN 'expel' THEN 'об отчислении' ELSE 'о выпуске' END || ' ' || q.number || ' от ' || strftime('%d.%m.%Y', q.date)
          ORDER BY q.date DESC, q.id DESC LIMIT 1)
 WHERE a.disabled_at IS NOT NULL ORDER BY a.id;
ALTER TABLE account DROP COLUMN disabled_reason;
ALTER TABLE account DROP COLUMN disabled_at;
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
