import { L } from '../core/i18n.js';
import { findPeopleByName, findPersonBySnils, insertPerson, nameKey, updatePerson, type PersonCard, type PersonRow } from './people.js';
import type { Store } from './store.js';

/**
 * Parents and legal representatives: a `guardian` role on a person, linked to students by
 * `guardianship` with the relation («мать», «опекун»). One guardian may have several children.
 */
export interface GuardianView extends PersonRow {
  relation: string;
}

export function guardiansOf(store: Store, studentId: number): GuardianView[] {
  return store.all<GuardianView>(
    'SELECT p.*, gs.relation FROM guardianship gs JOIN person p ON p.id = gs.guardian_id WHERE gs.student_id = ? ORDER BY p.last_name, p.first_name, p.id',
    studentId,
  );
}

const cardKey = (c: PersonCard) => nameKey(c.last_name, c.first_name, c.middle_name);

/** The same guardian: the same СНИЛС when both have one, else the same full name and the same phone or email. */
export function sameGuardian(a: PersonCard, b: PersonCard): boolean {
  if (a.snils && b.snils) return a.snils === b.snils;
  const contact = (a.phone !== null && a.phone === b.phone) || (a.email !== null && a.email.toLowerCase() === b.email?.toLowerCase());
  return contact && cardKey(a) === cardKey(b);
}

/**
 * The person already in the store who is this guardian: by СНИЛС; else a guardian of this
 * student with the same name (so a row without contacts re-imports as itself); else anyone
 * with the same name and phone or email.
 */
function matchGuardian(store: Store, card: PersonCard, studentId: number): PersonRow | undefined {
  const bySnils = card.snils ? findPersonBySnils(store, card.snils) : undefined;
  if (bySnils) return bySnils;
  const compatible = (p: PersonRow) => !card.snils || !p.snils;
  return (
    guardiansOf(store, studentId).find((g) => cardKey(g) === cardKey(card) && compatible(g)) ??
    findPeopleByName(store, { last: card.last_name, first: card.first_name, middle: card.middle_name }).find((p) => sameGuardian(p, card))
  );
}

export interface GuardianInput {
  /** The row of the import file (1 for `guardian add`). */
  row: number;
  studentId: number;
  card: PersonCard;
  relation: string;
}

export type GuardianOutcome = 'created' | 'updated' | 'unchanged';

export interface GuardianPlan {
  input: GuardianInput;
  /** An existing person, or the index of a guardian this batch creates (two children of one new parent). */
  guardian: { id: number; card: PersonCard } | { fresh: number; card: PersonCard };
  /** Empty fields of the existing card that the input fills; never overwrites. */
  fill: Partial<PersonCard>;
  link: 'create' | 'relation' | 'none';
  previousRelation?: string;
  outcome: GuardianOutcome;
}

const FILLABLE = ['snils', 'phone', 'email'] as const;

/**
 * Decide, without writing, what each input does: which guardian it is (in the store or
 * earlier in the batch), whether the link is new or its relation changes, which empty card
 * fields it fills. An input naming the student as their own guardian gets a reason instead.
 */
export function planGuardians(store: Store, inputs: GuardianInput[]): (GuardianPlan | { input: GuardianInput; reason: string })[] {
  const fresh: { card: PersonCard; students: Set<number> }[] = [];
  const filled = new Set<number>();
  const linked = new Set<string>();
  return inputs.map((input) => {
    const { card, studentId } = input;
    const existing = matchGuardian(store, card, studentId);
    if (existing?.id === studentId) return { input, reason: L('this is the student themselves', 'это сам обучающийся') };
    let freshIndex = existing ? -1 : fresh.findIndex((f) => (f.students.has(studentId) && cardKey(f.card) === cardKey(card)) || sameGuardian(f.card, card));
    if (freshIndex >= 0) {
      // A later row completes the card it will be created with, as it would fill a stored one.
      for (const f of FILLABLE) fresh[freshIndex].card[f] ??= card[f];
    } else if (!existing) freshIndex = fresh.push({ card: { ...card }, students: new Set() }) - 1;
    const pair = `${existing ? existing.id : `fresh${freshIndex}`}:${studentId}`;
    const link = existing ? store.get<{ relation: string }>('SELECT relation FROM guardianship WHERE guardian_id = ? AND student_id = ?', existing.id, studentId) : undefined;
    const fill: Partial<PersonCard> = {};
    if (existing && !filled.has(existing.id)) {
      for (const f of FILLABLE) if (existing[f] === null && card[f] !== null) fill[f] = card[f];
      if (Object.keys(fill).length) filled.add(existing.id);
    }
    const kind: GuardianPlan['link'] = linked.has(pair) ? 'none' : !link ? 'create' : link.relation !== input.relation ? 'relation' : 'none';
    linked.add(pair);
    if (!existing) fresh[freshIndex].students.add(studentId);
    const outcome: GuardianOutcome = kind === 'create' ? 'created' : kind === 'relation' || Object.keys(fill).length ? 'updated' : 'unchanged';
    return {
      input,
      guardian: existing ? { id: existing.id, card: existing } : { fresh: freshIndex, card: fresh[freshIndex].card },
      fill,
      link: kind,
      previousRelation: link?.relation,
      outcome,
    };
  });
}

/**
 * Write the plans that change something, in one transaction with one audit record. Returns
 * the guardian's id for each plan, and the ids of the people created.
 */
export function saveGuardians(store: Store, plans: GuardianPlan[], action: 'add' | 'import', context: Record<string, unknown> = {}): { ids: number[]; createdPeople: number[] } {
  return store.mutate(() => {
    const freshIds: number[] = [];
    const links: unknown[] = [];
    const updates: unknown[] = [];
    const ids = plans.map((plan) => {
      const { input } = plan;
      const id = 'id' in plan.guardian ? plan.guardian.id : (freshIds[plan.guardian.fresh] ??= insertPerson(store, plan.guardian.card));
      if (plan.outcome === 'unchanged') return id;
      store.run('INSERT OR IGNORE INTO guardian (person_id) VALUES (?)', id);
      if (Object.keys(plan.fill).length) updatePerson(store, id, plan.fill);
      if (plan.link === 'create') {
        store.run('INSERT INTO guardianship (guardian_id, student_id, relation) VALUES (?, ?, ?)', id, input.studentId, input.relation);
        links.push({ guardian: id, student: input.studentId, relation: input.relation });
      } else {
        if (plan.link === 'relation') store.run('UPDATE guardianship SET relation = ? WHERE guardian_id = ? AND student_id = ?', input.relation, id, input.studentId);
        const before = Object.fromEntries(Object.keys(plan.fill).map((f) => [f, plan.guardian.card[f as keyof PersonCard]]));
        updates.push({
          guardian: id,
          student: input.studentId,
          before: plan.link === 'relation' ? { ...before, relation: plan.previousRelation } : before,
          after: plan.link === 'relation' ? { ...plan.fill, relation: input.relation } : plan.fill,
        });
      }
      return id;
    });
    store.audit({
      entity: 'guardian',
      entityId: action === 'add' ? ids[0] : null,
      action,
      after: { ...context, people: freshIds, links, updates },
    });
    return { ids, createdPeople: freshIds };
  });
}
