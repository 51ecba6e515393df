import type { setup as en } from '../en/setup.js';

/** Русские сообщения раздела setup (собираются в один каталог в ../ru.ts). */
export const setup: typeof en = {
};
