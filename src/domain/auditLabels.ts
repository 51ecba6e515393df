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
