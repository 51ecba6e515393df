/**
 * What an import may read, from the settings: the file size (`import.maxMegabytes`), and the
 * bounds checked while reading (`import.maxRows`, `import.maxColumns`, `import.maxCellChars`,
 * `import.maxUnpackedMegabytes` for what an XLSX may inflate to; one part at most half of it).
 */
import type { ReadLimits } from '../io/readTable.js';
import { getNumberSetting, importMaxBytes } from '../store/settings.js';
import type { Store } from '../store/store.js';

export function importReadBounds(store: Store): { maxBytes: number; limits: ReadLimits } {
  const unpacked = getNumberSetting(store, 'import.maxUnpackedMegabytes') * 2 ** 20;
  return {
    maxBytes: importMaxBytes(store),
    limits: {
      maxRows: getNumberSetting(store, 'import.maxRows'),
      maxColumns: getNumberSetting(store, 'import.maxColumns'),
      maxCellChars: getNumberSetting(store, 'import.maxCellChars'),
      xlsx: { maxTotalBytes: unpacked, maxEntryBytes: Math.ceil(unpacked / 2) },
    },
  };
}

/** An import's options with the bounds from the settings wherever the caller gave none. */
export function withReadBounds<O extends { maxBytes?: number; limits?: Partial<ReadLimits> }>(store: Store, o: O): O {
  const bounds = importReadBounds(store);
  return { ...o, maxBytes: o.maxBytes ?? bounds.maxBytes, limits: o.limits ?? bounds.limits };
}
