/**
 * Setting up a store: `init` (the organisation and its first year), `org set`, `config set`.
 * Each use case is one function that owns its transaction and its audit record, and returns
 * a plain result; none knows the terminal.
 */
import { InputError, RuleError } from '../core/errors.js';
import type { NewYear, PeriodScheme } from '../domain/academicYear.js';
import { validateInn } from '../domain/inn.js';
import { SETTINGS } from '../domain/settings.js';
import { findOrg, writeOrg, type OrgCard } from '../store/org.js';
import { checkSettingKey, getSetting, writeSetting } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { insertAcademicYear, type CreatedYear } from './periods.js';

/** The organisation card as JSON shows it (camelCase). */
export interface PublicOrg {
  name: string;
  shortName: string | null;
  inn: string | null;
  address: string | null;
  director: string | null;
}

export function publicOrg(card: OrgCard): PublicOrg {
  return { name: card.name, shortName: card.short_name, inn: card.inn, address: card.address, director: card.director };
}

export interface InitOptions {
  org: string;
  shortName?: string;
  /** Checked beforehand by `checkNewYear` (domain/academicYear.ts), so nothing is created for a bad year. */
  year: NewYear;
  scheme: PeriodScheme;
}

export interface InitResult extends CreatedYear {
  org: PublicOrg;
}

/**
 * `init`: the organisation card and the first academic year (open) with its periods, in one
 * transaction. RuleError `already_initialised` when the store has an organisation already.
 */
export function initStore(store: Store, options: InitOptions): InitResult {
  return store.mutate(() => {
    if (findOrg(store)) throw new RuleError('already_initialised', { path: store.path });
    const card = saveOrgCard(store, { name: options.org.trim(), short_name: options.shortName?.trim() || null });
    const created = insertAcademicYear(store, { ...options.year, scheme: options.scheme, status: 'open' });
    return { org: publicOrg(card), ...created };
  });
}

export interface OrgChange {
  name?: string;
  shortName?: string;
  inn?: string;
  address?: string;
  director?: string;
}

/**
 * `org set`: change the given fields (an empty text clears an optional one). InputError
 * `bad_inn` for an ИНН that fails its checksum, `nothing_to_set` when nothing is given,
 * `no_org` before `init`.
 */
export function setOrg(store: Store, change: OrgChange): PublicOrg {
  const patch: Partial<OrgCard> = {};
  if (change.name !== undefined) patch.name = change.name.trim();
  if (change.shortName !== undefined) patch.short_name = change.shortName.trim() || null;
  if (change.address !== undefined) patch.address = change.address.trim() || null;
  if (change.director !== undefined) patch.director = change.director.trim() || null;
  if (change.inn !== undefined) {
    const inn = validateInn(change.inn);
    if (!inn.ok) throw new InputError('bad_inn', { value: change.inn, reason: inn.reason });
    patch.inn = inn.value;
  }
  if (!Object.keys(patch).length) throw new InputError('nothing_to_set', { options: ['--name', '--short-name', '--inn', '--address', '--director'] });
  return store.mutate(() => {
    if (!findOrg(store)) throw new InputError('no_org');
    return publicOrg(saveOrgCard(store, patch));
  });
}

/** Create or change the card, audited; inside a transaction. */
function saveOrgCard(store: Store, change: Partial<OrgCard>): OrgCard {
  const before = findOrg(store);
  const after: OrgCard = { ...(before ?? { name: '', short_name: null, inn: null, address: null, director: null }), ...change };
  if (!after.name) throw new InputError('org_name_required');
  writeOrg(store, after);
  store.audit({ entity: 'org', entityId: 1, action: before ? 'update' : 'create', before: before && publicOrg(before), after: publicOrg(after) });
  return after;
}

/** `config set`: InputError `unknown_setting` or `bad_setting`; returns the value as stored (normalised). */
export function setConfig(store: Store, key: string, raw: string): { key: string; value: string } {
  checkSettingKey(key);
  const parsed = SETTINGS[key].parse(raw);
  if (typeof parsed !== 'string') throw new InputError('bad_setting', { key, reason: parsed.error }, { key, value: raw });
  return store.mutate(() => {
    const before = getSetting(store, key);
    writeSetting(store, key, parsed);
    store.audit({ entity: 'setting', entityId: key, action: 'set', before, after: parsed });
    return { key, value: parsed };
  });
}
