// The two databases a ledger can live in, behind one small interface: SQL is written once, with `?`
// placeholders (parameters only: subjects and ids are data, never SQL), and each backend runs it.
export type Params = readonly unknown[];

export interface Queryable {
  /** Runs one statement; a SELECT (or RETURNING) gives its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: Params): Promise<Row[]>;
}

/**
 * A transaction. On PostgreSQL it holds a connection of its own and the row locks its statements
 * take (SELECT ... FOR UPDATE) until it ends. On SQLite, whose one connection cannot hold a
 * transaction open across other work, reads run at once and writes are kept until commit(), which
 * applies them in one transaction: a session never reads its own writes.
 */
export interface Session extends Queryable {
  /** Applies the writes; returns how many rows they changed. */
  commit(): Promise<number>;
  rollback(): Promise<void>;
}

/** A lock held for as long as this process lives or until released. */
export interface HeldLock {
  release(): Promise<void>;
}

export interface Db extends Queryable {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the ledger is, without credentials (for messages). */
  readonly where: string;
  begin(): Promise<Session>;
  /**
   * Takes a named lock that dies with the process holding it (a SIGKILL included), or returns
   * undefined at once if another process holds it. SQLite: a lock file's exclusive transaction;
   * PostgreSQL: a session advisory lock on a connection of its own.
   */
  tryLock(name: string): Promise<HeldLock | undefined>;
  close(): Promise<void>;
}

/** `?` placeholders as PostgreSQL's `$1, $2, ...` (the ledger's SQL has no `?` in literals). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
