import { describe, expect, it } from 'vitest';
import { CURATOR_POSITIONS, parsePosition, parsePositions, POSITIONS } from '../../src/domain/positions.js';

describe('parsePosition', () => {
  it.each(POSITIONS.map((p) => [p]))('knows the canonical name %s, in any case', (p) => {
    expect(parsePosition(p)).toBe(p);
    expect(parsePosition(p.toUpperCase())).toBe(p);
    expect(parsePosition(`  ${p.toLowerCase()}  `)).toBe(p);
  });

  it.each([
    ['admin', 'Администратор'],
    ['director', 'Директор'],
    ['deputy-ur', 'Заместитель директора по УР'],
    ['deputy_umr', 'Заместитель директора по УМР'],
    ['DEPUTY-UPR', 'Заместитель директора по УПР'],
    ['secretary', 'Секретарь учебной части'],
    ['hr', 'Специалист по кадрам'],
    ['curator', 'Куратор группы'],
    ['class-teacher', 'Классный руководитель'],
    ['class teacher', 'Классный руководитель'],
    ['teacher', 'Преподаватель'],
    ['master', 'Мастер производственного обучения'],
    ['scheduler', 'Диспетчер по расписанию'],
  ])('English key %s → %s', (key, position) => {
    expect(parsePosition(key)).toBe(position);
  });

  it.each([
    ['зам. директора по УР', 'Заместитель директора по УР'],
    ['Зам.директора по УР', 'Заместитель директора по УР'],
    ['замдиректора по умр', 'Заместитель директора по УМР'],
    ['Заместитель директора по учебно-производственной работе', 'Заместитель директора по УПР'],
    ['зам по учебной работе', 'Заместитель директора по УР'],
    ['мастер п/о', 'Мастер производственного обучения'],
    ['Кл. руководитель', 'Классный руководитель'],
    ['куратор', 'Куратор группы'],
    ['секретарь', 'Секретарь учебной части'],
    ['Диспетчер учебной части', 'Диспетчер по расписанию'],
  ])('abbreviation «%s» → %s', (text, position) => {
    expect(parsePosition(text)).toBe(position);
  });

  it('takes a school\'s учитель for a teacher', () => {
    expect(parsePosition('Учитель')).toBe('Преподаватель');
  });

  it.each(['', 'boss', 'заместитель директора', 'зам. директора по ВР', 'директор школы', 'teacher assistant'])('refuses «%s»', (text) => {
    expect(parsePosition(text)).toBeUndefined();
  });

  it('tells the three deputies apart', () => {
    expect(new Set(['зам по УР', 'зам по УМР', 'зам по УПР'].map(parsePosition)).size).toBe(3);
  });
});

describe('parsePositions', () => {
  it('splits on , and ; and drops repeats', () => {
    expect(parsePositions('Преподаватель, куратор; teacher')).toEqual({ positions: ['Преподаватель', 'Куратор группы'], unknown: [] });
  });

  it('returns unknown names as typed', () => {
    expect(parsePositions('преподаватель; Завхоз')).toEqual({ positions: ['Преподаватель'], unknown: ['Завхоз'] });
  });

  it('gives nothing for an empty cell', () => {
    expect(parsePositions(' ; ')).toEqual({ positions: [], unknown: [] });
  });
});

describe('CURATOR_POSITIONS', () => {
  it('are the curator and the class teacher', () => {
    expect([...CURATOR_POSITIONS].sort()).toEqual(['Классный руководитель', 'Куратор группы']);
  });
});
