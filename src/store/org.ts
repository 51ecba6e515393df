import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import type { Store } from './store.js';

export interface OrgCard {
  name: string;
  short_name: string | null;
  inn: string | null;
  address: string | null;
  director: string | null;
}

export function findOrg(store: Store): OrgCard | undefined {
  return store.get<OrgCard>('SELECT name, short_name, inn, address, director FROM org WHERE id = 1');
}

export function getOrg(store: Store): OrgCard {
  const org = findOrg(store);
  if (!org) throw new InputError('no_org', L('The store has no organisation yet: run `registrar init`.', 'В хранилище нет организации: выполните `registrar init`.'));
  return org;
}

/** Create the card (init) or change some of its fields (org set). */
export function saveOrg(store: Store, change: Partial<OrgCard>): OrgCard {
  return store.mutate(() => {
    const before = findOrg(store);
    const after = { ...(before ?? { name: '', short_name: null, inn: null, address: null, director: null }), ...change };
    if (!after.name) throw new InputError('org_name_required', L('The organisation needs a name (--name).', 'У организации должно быть название (--name).'));
    store.run(
      `INSERT INTO org (id, name, short_name, inn, address, director) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, inn = excluded.inn, address = excluded.address, director = excluded.director`,
      after.name, after.short_name, after.inn, after.address, after.director,
    );
    store.audit({ entity: 'org', entityId: 1, action: before ? 'update' : 'create', before, after });
    return after;
  });
}
