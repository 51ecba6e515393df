import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../../src/core/i18n.js';
import { auditActionLabel, auditEntityLabel, camelKey, camelKeys } from '../../src/domain/auditLabels.js';

describe('audit records as printed', () => {
  afterEach(() => setLang('en'));

  it('name actions and entities in the current language; unknown ones as stored', () => {
    setLang('ru');
    expect(auditActionLabel('create')).toBe('создание');
    expect(auditEntityLabel('calendar_day')).toBe('день календаря');
    expect(auditActionLabel('something_new')).toBe('something_new');
    setLang('en');
    expect(auditEntityLabel('year')).toBe('academic year');
  });

  it('camelCase every key at every depth, values untouched', () => {
    expect(camelKey('short_name')).toBe('shortName');
    expect(camelKey('lesson.hours')).toBe('lesson.hours');
    expect(camelKeys({ short_name: 'a_b', list: [{ entity_id: 1, nested: { closed_at: null } }] })).toEqual({
      shortName: 'a_b',
      list: [{ entityId: 1, nested: { closedAt: null } }],
    });
    expect(camelKeys('text_value')).toBe('text_value');
    expect(camelKeys(null)).toBeNull();
  });
});
