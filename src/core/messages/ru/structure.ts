import type { structure as en } from '../en/structure.js';

/** Русские сообщения раздела structure (собираются в один каталог в ../ru.ts). */
export const structure: typeof en = {
};
