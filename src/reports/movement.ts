/** Книга движения: one row per student of each order in a date range. */
import { t } from '../core/i18n.js';
import type { IsoDate } from '../domain/dates.js';
import { groupOnOrder, type OrderKind } from '../domain/orders.js';
import { listOrders, orderItems } from '../store/orders.js';
import type { OrgCard } from '../store/org.js';
import type { Store } from '../store/store.js';
import type { Report } from './model.js';

export function movementReport(store: Store, range: { from?: IsoDate; to: IsoDate; period?: string; madeOn?: IsoDate; org?: OrgCard }): Report {
  const org = range.org;
  const rows = listOrders(store, range).flatMap((o) =>
    orderItems(store, o.id).map((i) => ({
      date: o.date,
      number: o.number,
      kind: o.kind,
      kindName: t(`movement_kind_${o.kind as OrderKind}`),
      studentId: i.student_id,
      student: i.student,
      fromGroup: i.from_group,
      fromCourse: i.from_course,
      fromYear: i.from_year,
      toGroup: i.to_group,
      toCourse: i.to_course,
      toYear: i.to_year,
      // As an order prints them: «ИС-25 (1 курс, 2025/2026) → ИС-25 (2 курс, 2026/2027)».
      fromGroupOnOrder: groupOnOrder(i.from_group, i.from_course, i.from_year),
      toGroupOnOrder: groupOnOrder(i.to_group, i.to_course, i.to_year),
      reason: i.note ?? o.reason,
    })),
  );
  return {
    title: t('movement_title'),
    meta: { org: org?.name, period: range.period, from: range.from, to: range.to, madeOn: range.madeOn },
    columns: [
      { key: 'n', header: '№', align: 'right' },
      { key: 'date', header: t('movement_col_date'), date: true },
      { key: 'number', header: t('movement_col_number') },
      { key: 'kindName', header: t('movement_col_kind') },
      { key: 'student', header: t('movement_col_student') },
      { key: 'fromGroupOnOrder', header: t('movement_col_from_group') },
      { key: 'toGroupOnOrder', header: t('movement_col_to_group') },
      { key: 'reason', header: t('movement_col_reason') },
    ],
    rows: rows.map((r, i) => ({ n: i + 1, ...r })),
    totals: { n: t('movement_total'), student: rows.length },
    signatures: [t('movement_sign_secretary'), org?.director ? t('movement_sign_director_named', { name: org.director }) : t('movement_sign_director')],
  };
}
