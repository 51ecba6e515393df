import type { people as en } from '../en/people.js';

/** Русские сообщения раздела people (собираются в один каталог в ../ru.ts). */
export const people: typeof en = {
};
