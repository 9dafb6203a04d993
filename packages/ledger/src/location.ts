// Where a ledger lives: `sqlite:<path>` (embedded, one machine) or `postgres://...` (shared).
import { resolve } from 'node:path';
import { LedgerInputError } from './errors.js';

export type Location = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

export function parseLocation(location: string): Location {
  if (typeof location !== 'string' || location.trim() === '') {
    throw new LedgerInputError('a ledger location must be `sqlite:<file>` or `postgres://user@host/database`');
  }
  if (/^postgres(ql)?:\/\//i.test(location)) return { type: 'postgres', url: location };
  const sqlite = /^sqlite:(.+)$/i.exec(location);
  if (sqlite?.[1] && sqlite[1].trim() !== '') return { type: 'sqlite', path: resolve(sqlite[1]) };
  throw new LedgerInputError(
    `unknown ledger location ${JSON.stringify(location.replace(/\/\/[^@/]*@/, '//***@'))}: use \`sqlite:<file>\` or \`postgres://user@host/database\``,
  );
}
