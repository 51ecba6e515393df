import type { Store } from './store.js';

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  command: string;
  entity: string;
  entity_id: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  since?: string;
  actor?: string;
  entity?: string;
  limit?: number;
}

/** The audit log, oldest first; `limit` keeps the latest N. */
export function listAudit(store: Store, filter: AuditFilter): AuditRecord[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.since) {
    where.push('at >= ?');
    params.push(filter.since);
  }
  if (filter.actor) {
    where.push('actor = ?');
    params.push(filter.actor);
  }
  if (filter.entity) {
    where.push('entity = ?');
    params.push(filter.entity);
  }
  const sql = `SELECT * FROM (SELECT * FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC ${filter.limit ? 'LIMIT ' + Math.trunc(filter.limit) : ''}) ORDER BY id`;
  return store.all<AuditRecord & { before: string | null; after: string | null }>(sql, ...params).map((r) => ({
    ...r,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
}

/** Whether an account record of the audit names this temporary file: its run stored the accounts. */
export function auditNamesStaging(store: Store, staging: string): boolean {
  return store.get(`SELECT 1 FROM audit WHERE entity = 'account' AND json_extract(after, '$.staging') = ?`, staging) !== undefined;
}
