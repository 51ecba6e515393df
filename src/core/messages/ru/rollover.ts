import type { rollover as en } from '../en/rollover.js';

/** Русские сообщения раздела rollover (собираются в один каталог в ../ru.ts). */
export const rollover: typeof en = {
  // ---- закрытие года ---------------------------------------------------------------------
  help_year_close: 'закрыть учебный год: все периоды должны быть закрыты; год становится доступен только для чтения (перед этим делается резервная копия)',
  year_closed_done: (p) => `Учебный год ${p.year} закрыт, изменить в нём ничего нельзя. Резервная копия: ${p.backup}`,
  year_already_closed: (p) => `Учебный год ${p.year} уже закрыт.`,
  year_periods_open: (p) => `Учебный год ${p.year} нельзя закрыть: не закрыты периоды ${p.periods}. Сначала закройте их (\`registrar period close\`).`,
  year_closed_read_only: (p) => `Учебный год ${p.year} закрыт: в нём ничего не меняется.`,

  // ---- резервная копия (остальные тексты команды — в разделе setup) ------------------------
  opt_backup_force: 'заменить FILE, если он уже есть (без этого флага существующий файл не заменяется)',

  // ---- перевод: справка и параметры -------------------------------------------------------
  help_year_rollover: 'перевести группы года на следующий курс в следующем учебном году, выпустить последний курс, записать итоги (или отменить: --undo)',
  opt_rollover_from: 'учебный год, из которого переводим (2025/2026)',
  opt_rollover_to: 'следующий учебный год (создаётся, если его нет: даты и периоды на год вперёд)',
  opt_rollover_dry_run: 'показать весь план и ничего не записывать',
  opt_rollover_order_no: 'номер приказа о переводе (по умолчанию перевод-<следующий год>)',
  opt_rollover_order_date: 'дата приказа о переводе (по умолчанию первый день следующего года)',
  opt_rollover_graduation_no: 'номер приказа о выпуске (по умолчанию выпуск-<год>)',
  opt_rollover_graduation_date: 'дата приказа о выпуске (по умолчанию следующий день после конца года)',
  opt_rollover_debtors: 'обучающиеся с академической задолженностью: перевести условно или оставить в группе',
  opt_rollover_rename: 'названия групп в новом году: оставить или увеличить число, равное курсу (9А → 10А)',
  opt_rollover_leave_behind: 'оставить на месте (со списком) обучающихся и группы с проблемами вместо отказа',
  opt_rollover_undo: 'отменить перевод в этот год, если после него ничего не записывалось',
  rollover_years_required: 'Укажите --from и --to (или --undo ГОД).',

  // ---- перевод: отказы -----------------------------------------------------------------
  rollover_already_done: (p) => `Учебный год ${p.from} уже переведён (${p.at}, ${p.actor}); отменить: \`year rollover --undo\`.`,
  rollover_to_not_next: (p) => `${p.to} не следует за ${p.from}; следующий учебный год — ${p.next}.`,
  rollover_order_date: (p) => `Приказ ${p.number} от ${p.date}: приказ перевода датируется после окончания года (${p.end}).`,
  rollover_order_exists: (p) => `Приказ ${p.number} от ${p.date} уже есть; укажите другой номер (--order-no, --graduation-no).`,
  rollover_problems: (p) => `Перевод ${p.from} остановлен: проблем — ${p.count}; ничего не записано. Исправьте их или оставьте на месте с --leave-behind:`,
  rollover_store_changed: (p) => `Пока готовился перевод ${p.from}, данные изменились; ничего не записано. Запустите ещё раз.`,
  rollover_not_found: (p) => `Перевода в ${p.year} нет, отменять нечего.`,
  rollover_broken_references: (p) => `Это оставило бы в таблице ${p.table} ссылки на несуществующие записи (${p.count}); ничего не изменено.`,
  rollover_undo_changed: (p) => `Перевод в ${p.year} отменить нельзя: после него записано изменений — ${p.count}. Восстановите его резервную копию или сначала отмените эти изменения:`,
  rollover_changed_line: (p) => `${p.at} ${p.actor}: ${p.entity} ${p.id} ${p.action}`,
  rollover_year_not_closed: (p) => `Учебный год ${p.year} не закрыт: его отметки ещё могут измениться (\`registrar year close ${p.year}\`).`,

  // ---- перевод: проблемы ---------------------------------------------------------------
  rollover_problem_name_taken: (p) => `группа ${p.group}: название ${p.name} в следующем году уже занято (--rename increment или переименуйте группу)`,
  rollover_problem_no_curriculum: (p) => `группа ${p.group}: у её программы нет учебного плана следующего курса (\`registrar plan import\`)`,
  rollover_problem_beyond_last_course: (p) => `группа ${p.group}: курс больше последнего курса программы`,
  rollover_problem_no_group: (p) => `${p.student} (id ${p.id}): обучается, но не состоит ни в одной группе`,
  rollover_problem_not_active: (p) => `${p.student} (id ${p.id}, ${p.group}): не обучается (академический отпуск)`,
  rollover_problem_enrolled_after_year_end: (p) => `${p.student} (id ${p.id}, ${p.group}): зачислен(а) в группу приказом, датированным после окончания года`,
  rollover_reason_no_group: 'нет группы',
  rollover_reason_not_active: 'не обучается',
  rollover_reason_enrolled_after_year_end: 'зачислен(а) после окончания года',
  rollover_reason_beyond_last_course: 'курс группы больше последнего курса программы',
  rollover_reason_group_not_placed: 'группу нельзя перевести',
  rollover_group_problem_beyond_last_course: 'курс больше последнего',
  rollover_group_problem_name_taken: 'название занято',
  rollover_group_problem_no_curriculum: 'нет учебного плана',
  rollover_action_continue: 'на следующий курс',
  rollover_action_graduate: 'выпуск',
  rollover_action_none: 'некого переводить',

  // ---- перевод: итоги и таблицы --------------------------------------------------------
  rollover_outcome_promoted: 'переведён',
  rollover_outcome_conditional: 'переведён условно',
  rollover_outcome_held: 'оставлен на курсе',
  rollover_outcome_graduated: 'выпущен',
  rollover_outcome_not_moved: 'не переведён',
  rollover_col_group: 'Группа',
  rollover_col_course: 'Курс',
  rollover_col_student: 'Обучающийся',
  rollover_col_outcome: 'Итог',
  rollover_col_debts: 'Задолженности',
  rollover_col_to_group: 'Новая группа',
  rollover_col_to_course: 'Новый курс',
  rollover_col_action: 'Действие',
  rollover_col_students: 'Обучающихся',
  rollover_group_on_order: (p) => `${p.name} (${p.course} курс, ${p.year})`,
  rollover_transfer_reason: (p) => `перевод на следующий курс: ${p.from} → ${p.to}`,

  // ---- перевод: результаты -------------------------------------------------------------
  rollover_plan_heading: (p) => `План перевода ${p.from} → ${p.to} (ничего не записано)`,
  rollover_done_heading: (p) => `Перевод ${p.from} → ${p.to}`,
  rollover_year_created_line: (p) => `Создан учебный год ${p.year}: ${p.start} – ${p.end}, периоды на год вперёд.`,
  rollover_order_line: (p) => `Приказ ${p.number} от ${p.date} ${p.title}: обучающихся — ${p.students}.`,
  rollover_calendar_copied: (p) => `Календарь: записей перенесено на год вперёд — ${p.count}.`,
  rollover_accounts_disabled: (p) => `Учётных записей выпускников отключено: ${p.count}.`,
  rollover_problems_heading: (p) => `Проблемы (${p.count}): пока они есть, перевод не выполняется (или --leave-behind):`,
  rollover_left_behind_heading: (p) => `Оставлены на месте (${p.count}):`,
  rollover_backup_line: (p) => `Резервная копия перед переводом: ${p.path}`,
  rollover_dry_run_ready: 'Ничего не записано. Запустите без --dry-run, чтобы выполнить перевод.',
  rollover_dry_run_problems: (p) => `Ничего не записано. Перевод ${p.from} не выполнится, пока не исправлены перечисленные выше проблемы (${p.count}); либо запустите его с --leave-behind.`,
  rollover_done: (p) => `Перевод ${p.from} → ${p.to} выполнен: на следующий курс — ${p.moved}, выпущено — ${p.graduated}.`,
  rollover_undone: (p) => `Перевод ${p.from} → ${p.year} отменён: удалено групп — ${p.groups}, итогов — ${p.students}; прежнее состояние восстановлено.`,

  // ---- отчёт об итогах -------------------------------------------------------------------
  help_report_outcomes: 'итоги учебного года по каждому обучающемуся (переведён, условно, оставлен, выпущен) и открытые задолженности',
  rollover_outcomes_title: 'Итоги учебного года',
  rollover_outcomes_period: (p) => `${p.year} учебный год`,
  rollover_total: 'Итого',
  rollover_outcomes_totals: (p) => `переведено ${p.promoted}, условно ${p.conditional}, оставлено ${p.held}, выпущено ${p.graduated}`,
  rollover_sign_director: 'Директор',
  rollover_sign_director_named: (p) => `Директор ${p.name}`,
};
