import { StoreError, type AppError } from '../cli/errors.js';
import { L } from '../cli/i18n.js';

/**
 * Translate better-sqlite3's errors about the store itself (locked, corrupt, unreadable)
 * into exit 5. Checked by name so that the entry point need not load the native module.
 */
export function describeSqliteError(error: unknown): AppError | undefined {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return undefined;
  const code = String((error as Error & { code?: string }).code ?? '');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('store_locked', L('The store is locked by another process; try again later.', 'Хранилище занято другим процессом; повторите позже.'), { sqlite: code });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError('store_corrupt', L('The store is corrupt or not a registrar store.', 'Хранилище повреждено или не является хранилищем registrar.'), { sqlite: code });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL') {
    return new StoreError('store_unavailable', L(`The store cannot be written or read: ${error.message}`, `Хранилище недоступно: ${error.message}`), { sqlite: code });
  }
  return undefined;
}
