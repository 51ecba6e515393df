import type { reports as en } from '../en/reports.js';

/** Русские сообщения раздела reports (собираются в один каталог в ../ru.ts). */
export const reports: typeof en = {
};
