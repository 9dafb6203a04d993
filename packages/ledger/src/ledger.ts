// A ledger of what was generated for whom: open it, record, erase, report.
import { existsSync, statSync } from 'node:fs';
import type { MediaJobs } from 'mediajobs';
import type { Db } from './db.js';
import { type EraseOptions, type Erasure, eraseSubject } from './erase.js';
import { LedgerError, LedgerInputError } from './errors.js';
import { findKey, KEY_VARIABLE, keyCheck, type SubjectHasher, sameKeyCheck, subjectHasher } from './key.js';
import { parseLocation } from './location.js';
import { openPostgres, withoutCredentials } from './postgres.js';
import { checkRecord, type RecordInput, type Row } from './records.js';
import { buildReport, type ErasureReport } from './report.js';
import { migrate } from './schema.js';
import { openSqlite } from './sqlite.js';

export interface OpenLedgerOptions {
  /** The key of the subject hashes; default MEDIAJOBS_LEDGER_KEY, else (SQLite) the key file beside the ledger. */
  key?: string;
  /** Where MEDIAJOBS_LEDGER_KEY is read (default process.env). */
  env?: Record<string, string | undefined>;
}

/** A recorded resource, as `find` and `candidates` give it. */
export interface LedgerResource {
  provider: string;
  kind: string;
  id: string;
  createdAt: Date;
  /** When an erasure (or a purge) deleted it; absent while it is still to erase. */
  erasedAt?: Date;
}

export interface LedgerStats {
  ledger: string;
  subjects: number;
  resources: number;
  erased: number;
  kinds: { provider: string; kind: string; resources: number; erased: number }[];
  erasures: { total: number; unfinished: number };
}

/** Up to this many records go in one INSERT (SQLite takes at most 32,766 parameters in one). */
const RECORDS_PER_INSERT = 500;

export class Ledger {
  /** @hidden Made by openLedger. */
  constructor(
    private readonly db: Db,
    private readonly hash: SubjectHasher,
  ) {}

  /** Where the ledger is (`sqlite:<path>`, or the PostgreSQL URL without credentials). */
  get location(): string {
    return this.db.where;
  }

  /** Records one resource; true if new, false if it was recorded for this subject already. */
  async record(input: RecordInput): Promise<boolean> {
    return (await this.recordMany([input])).recorded === 1;
  }

  /**
   * Records many in one transaction: every record is checked first, and one bad record fails the
   * batch with nothing written. Records already in the ledger are counted, not duplicated.
   */
  async recordMany(inputs: Iterable<RecordInput>): Promise<{ recorded: number; already: number }> {
    const now = Date.now();
    const rows = [...inputs].map((input, index) => checkRecord(input, this.hash, now, `record ${index + 1}`));
    if (rows.length === 0) return { recorded: 0, already: 0 };
    const session = await this.db.begin();
    try {
      for (let start = 0; start < rows.length; start += RECORDS_PER_INSERT) {
        const chunk = rows.slice(start, start + RECORDS_PER_INSERT);
        await session.query(
          `INSERT INTO resources (subject, provider, kind, id, created_at, recorded_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
           ON CONFLICT DO NOTHING`,
          chunk.flatMap((row: Row) => [row.subject, row.provider, row.kind, row.id, row.createdAt, now]),
        );
      }
      const recorded = await session.commit();
      return { recorded, already: rows.length - recorded };
    } catch (error) {
      await session.rollback();
      throw error;
    }
  }

  /**
   * What to give core's `recordCreated` middleware so that a vendor client records, for `subject`,
   * every resource its create calls make.
   */
  recorderFor(subject: string): (created: { provider: string; kind: string; id: string }) => Promise<void> {
    this.hash(subject); // a bad subject fails now, not at the first create
    return async (created) => {
      await this.record({ subject, ...created });
    };
  }

  /** The subject's recorded resources, erased ones included (oldest first). */
  async find(subject: string): Promise<LedgerResource[]> {
    const rows = await this.db.query<{
      provider: string;
      kind: string;
      id: string;
      created_at: number;
      erased_at: number | null;
    }>(
      'SELECT provider, kind, id, created_at, erased_at FROM resources WHERE subject = ? ORDER BY created_at, provider, kind, id',
      [this.hash(subject)],
    );
    return rows.map(resourceOf);
  }

  /**
   * Erases everything recorded for `subject`: one outcome per resource as each lands, the ledger
   * updated with each. An erasure that was stopped (a signal, a crash) is resumed by the next one of
   * the same subject. See `report` for the evidence.
   */
  erase(subject: string, jobs: MediaJobs, options: EraseOptions = {}): Erasure {
    return eraseSubject(this.db, this.hash(subject), jobs, options);
  }

  /** The report of an erasure request, from the ledger. */
  async report(request: string): Promise<ErasureReport> {
    if (typeof request !== 'string' || request.trim() === '')
      throw new LedgerInputError('an erasure request id must be a non-empty string');
    return buildReport(this.db, request);
  }

  /**
   * Resources still to erase of one vendor (and kinds), by creation time: for a retention purge of a
   * vendor that cannot list its own (TensorsLab).
   */
  async *candidates({
    provider,
    kinds,
    createdBefore,
    createdAfter,
  }: {
    provider: string;
    kinds: readonly string[];
    createdBefore?: Date;
    createdAfter?: Date;
  }): AsyncGenerator<LedgerResource> {
    if (kinds.length === 0) return;
    // The first page starts at `after` itself ('' sorts before every key): createdAfter is included, nothing before it.
    let after = createdAfter ? createdAfter.getTime() : 0;
    let afterKey = '';
    const before = createdBefore ? createdBefore.getTime() : Number.MAX_SAFE_INTEGER;
    // Keyset pages: a table of millions is never read whole. One resource recorded for two subjects is one candidate.
    while (true) {
      const rows = await this.db.query<{ provider: string; kind: string; id: string; created_at: number }>(
        `SELECT provider, kind, id, MIN(created_at) AS created_at FROM resources
         WHERE provider = ? AND kind IN (${kinds.map(() => '?').join(', ')}) AND erased_at IS NULL
           AND created_at < ? AND (created_at > ? OR (created_at = ? AND kind || ' ' || id > ?))
         GROUP BY provider, kind, id ORDER BY created_at, kind, id LIMIT 1000`,
        [provider, ...kinds, before, after, after, afterKey],
      );
      for (const row of rows) yield resourceOf({ ...row, erased_at: null });
      const last = rows.at(-1);
      if (!last || rows.length < 1000) return;
      after = Number(last.created_at);
      afterKey = `${last.kind} ${last.id}`;
    }
  }

  /** Marks resources deleted by something else than an erasure (a purge, `by` naming it), for every subject. */
  async markErased(resources: readonly { provider: string; kind: string; id: string }[], by: string): Promise<number> {
    const session = await this.db.begin();
    const at = Date.now();
    try {
      for (const { provider, kind, id } of resources) {
        await session.query(
          'UPDATE resources SET erased_at = ?, erased_by = ? WHERE provider = ? AND kind = ? AND id = ? AND erased_at IS NULL',
          [at, by, provider, kind, id],
        );
      }
      return await session.commit();
    } catch (error) {
      await session.rollback();
      throw error;
    }
  }

  async stats(): Promise<LedgerStats> {
    const [totals] = await this.db.query<{ subjects: number; resources: number; erased: number }>(
      'SELECT COUNT(DISTINCT subject) AS subjects, COUNT(*) AS resources, COUNT(erased_at) AS erased FROM resources',
    );
    const kinds = await this.db.query<{ provider: string; kind: string; resources: number; erased: number }>(
      'SELECT provider, kind, COUNT(*) AS resources, COUNT(erased_at) AS erased FROM resources GROUP BY provider, kind ORDER BY provider, kind',
    );
    const [erasures] = await this.db.query<{ total: number; unfinished: number }>(
      'SELECT COUNT(*) AS total, COUNT(*) - COUNT(finished_at) AS unfinished FROM erasures',
    );
    return {
      ledger: this.db.where,
      subjects: Number(totals?.subjects ?? 0),
      resources: Number(totals?.resources ?? 0),
      erased: Number(totals?.erased ?? 0),
      kinds: kinds.map((row) => ({ ...row, resources: Number(row.resources), erased: Number(row.erased) })),
      erasures: { total: Number(erasures?.total ?? 0), unfinished: Number(erasures?.unfinished ?? 0) },
    };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/**
 * Opens (and creates, and migrates) the ledger at `location`: `sqlite:<file>` (the file and its key
 * file are created with mode 0600) or `postgres://user@host/database` (key in MEDIAJOBS_LEDGER_KEY).
 */
export async function openLedger(location: string, options: OpenLedgerOptions = {}): Promise<Ledger> {
  const where = parseLocation(location);
  const sqliteFile = where.type === 'sqlite' ? where.path : undefined;
  const creating = sqliteFile !== undefined && (!existsSync(sqliteFile) || statSync(sqliteFile).size === 0);
  const key = findKey(options, sqliteFile, { creating });
  const db = where.type === 'sqlite' ? openSqlite(where.path) : openPostgres(where.url);
  try {
    await migrate(db);
    const [stored] = await db.query<{ value: string }>("SELECT value FROM ledger_meta WHERE name = 'key-check'");
    if (!stored) {
      await db.query("INSERT INTO ledger_meta (name, value) VALUES ('key-check', ?) ON CONFLICT DO NOTHING", [
        keyCheck(key),
      ]);
    } else if (!sameKeyCheck(stored.value, key)) {
      throw new LedgerError(
        `the ledger at ${where.type === 'sqlite' ? where.path : withoutCredentials(where.url)} was made with another key: its subjects could not be found with this one (check ${KEY_VARIABLE} or the key file)`,
      );
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return new Ledger(db, subjectHasher(key));
}

function resourceOf(row: {
  provider: string;
  kind: string;
  id: string;
  created_at: number;
  erased_at: number | null;
}): LedgerResource {
  return {
    provider: row.provider,
    kind: row.kind,
    id: row.id,
    createdAt: new Date(Number(row.created_at)),
    ...(row.erased_at !== null && { erasedAt: new Date(Number(row.erased_at)) }),
  };
}
