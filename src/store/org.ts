import { InputError } from '../core/errors.js';
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
  if (!org) throw new InputError('no_org');
  return org;
}

/** Write the card (there is one, id 1): create it or replace its fields. */
export function writeOrg(store: Store, card: OrgCard): void {
  store.run(
    `INSERT INTO org (id, name, short_name, inn, address, director) VALUES (1, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, inn = excluded.inn, address = excluded.address, director = excluded.director`,
    card.name, card.short_name, card.inn, card.address, card.director,
  );
}
