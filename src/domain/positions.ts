/**
 * Staff positions (должности) named in the regulations, stored under their canonical Russian
 * names. Imports and options accept the usual variants: any case, ё as е, English keys
 * (`deputy-ur`) and abbreviations («зам. директора по УР»).
 */
export const POSITIONS = [
  'Администратор',
  'Директор',
  'Заместитель директора по УР',
  'Заместитель директора по УМР',
  'Заместитель директора по УПР',
  'Секретарь учебной части',
  'Специалист по кадрам',
  'Куратор группы',
  'Классный руководитель',
  'Преподаватель',
  'Мастер производственного обучения',
  'Диспетчер по расписанию',
] as const;

export type Position = (typeof POSITIONS)[number];

/** Who may be a group's curator without a warning. */
export const CURATOR_POSITIONS: readonly Position[] = ['Куратор группы', 'Классный руководитель'];

const DEPUTY_PREFIXES = ['заместитель директора', 'зам директора', 'замдиректора', 'зам'];

function deputy(short: string, spelled: string, key: string): string[] {
  return [key, ...DEPUTY_PREFIXES.flatMap((p) => [`${p} по ${short}`, `${p} по ${spelled}`])];
}

const VARIANTS: Record<Position, string[]> = {
  Администратор: ['admin', 'administrator', 'админ', 'системный администратор'],
  Директор: ['director'],
  'Заместитель директора по УР': deputy('ур', 'учебной работе', 'deputy-ur'),
  'Заместитель директора по УМР': deputy('умр', 'учебно-методической работе', 'deputy-umr'),
  'Заместитель директора по УПР': deputy('упр', 'учебно-производственной работе', 'deputy-upr'),
  'Секретарь учебной части': ['secretary', 'секретарь', 'секретарь уч части'],
  'Специалист по кадрам': ['hr', 'специалист отдела кадров', 'инспектор по кадрам'],
  'Куратор группы': ['curator', 'куратор'],
  'Классный руководитель': ['class-teacher', 'кл руководитель', 'классный рук'],
  Преподаватель: ['teacher', 'lecturer', 'учитель'],
  'Мастер производственного обучения': ['master', 'мастер', 'мастер п/о', 'мастер по'],
  'Диспетчер по расписанию': ['scheduler', 'dispatcher', 'диспетчер', 'диспетчер учебной части'],
};

/** Case, ё, dots, hyphens and underscores do not matter: «Зам. директора по УР» = «зам директора по ур». */
function positionKey(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/[._-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

const BY_KEY = new Map<string, Position>(
  POSITIONS.flatMap((p) => [p, ...VARIANTS[p]].map((v) => [positionKey(v), p] as const)),
);

export function parsePosition(text: string): Position | undefined {
  return BY_KEY.get(positionKey(text));
}

/** A cell or option listing several positions, separated by `,` or `;`; unknown names are returned as typed. */
export function parsePositions(text: string): { positions: Position[]; unknown: string[] } {
  const positions: Position[] = [];
  const unknown: string[] = [];
  for (const part of text.split(/[,;]/).map((s) => s.trim()).filter(Boolean)) {
    const position = parsePosition(part);
    if (!position) unknown.push(part);
    else if (!positions.includes(position)) positions.push(position);
  }
  return { positions, unknown };
}
