import type { journal as en } from '../en/journal.js';

/** Русские сообщения раздела journal (собираются в один каталог в ../ru.ts). */
export const journal: typeof en = {
};
