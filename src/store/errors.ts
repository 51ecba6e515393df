import { StoreError, type AppError } from '../core/errors.js';

/**
 * Translate better-sqlite3's errors about the store itself (locked, corrupt, unreadable)
 * into exit 5. Checked by name so that the entry point need not load the native module.
 */
export function describeSqliteError(error: unknown): AppError | undefined {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return undefined;
  const code = String((error as Error & { code?: string }).code ?? '');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('store_locked', undefined, { sqlite: code });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError('store_corrupt', undefined, { sqlite: code });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL') {
    return new StoreError('store_unavailable', { path: '', reason: error.message }, { sqlite: code });
  }
  return undefined;
}
