/**
 * How the audit log prints its records: actions and entities in the current language (an
 * action or entity without a message is printed as stored), and record data with camelCase
 * keys for JSON.
 */
import { hasMessage, t, type MessageKey } from '../core/i18n.js';

function label(prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  return hasMessage(key) ? (t as (key: MessageKey) => string)(key) : value;
}

/** `create` → «создание» / "created". */
export function auditActionLabel(action: string): string {
  return label('audit_action_', action);
}

/** `calendar_day` → «день календаря» / "calendar day". */
export function auditEntityLabel(entity: string): string {
  return label('audit_entity_', entity);
}

/** An audit record's time as the log prints it: `2026-07-05T01:21:22.755Z` → `2026-07-05 01:21:22` (UTC, as stored). */
export function auditTime(at: string): string {
  return at.replace('T', ' ').slice(0, 19);
}

/** What an audit record is about: `grade 4:ОУД.04:exam:2026/2027` (the entity in the current language). */
export function auditSubject(entity: string, entityId: string | null): string {
  return `${auditEntityLabel(entity)}${entityId ? ' ' + entityId : ''}`;
}

/**
 * An audit record in one line for people, what it is about first, then what was done:
 * `2026-07-05 01:21:22 root: group ИС-25 (2026/2027) — updated`. `shownAs` names the object as
 * people know it (a student's name rather than the id the record keeps); else its id.
 */
export function auditLine(r: { at: string; actor: string; action: string; entity: string; entityId: string | null }, shownAs?: string | null): string {
  return `${auditTime(r.at)} ${r.actor}: ${auditSubject(r.entity, shownAs ?? r.entityId)} — ${auditActionLabel(r.action)}`;
}

/** `short_name` → `shortName`; keys without an underscore stay as they are. */
export function camelKey(key: string): string {
  return key.replace(/_+([\p{L}\p{N}])/gu, (_, c: string) => c.toUpperCase());
}

/** A JSON value with every object key camelCased, at every depth (arrays included). */
export function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [camelKey(k), camelKeys(v)]));
  }
  return value;
}
