import type { rollover as en } from '../en/rollover.js';

/** Русские сообщения раздела rollover (собираются в один каталог в ../ru.ts). */
export const rollover: typeof en = {
};
