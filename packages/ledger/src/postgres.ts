// A ledger shared by several processes or machines: PostgreSQL through `pg`, the well-kept client
// most Node programs use (pure JavaScript, one small dependency tree).
import pg from 'pg';
import { type Db, numbered, type Params, type Session } from './db.js';
import { LedgerError } from './errors.js';

/** Connections per ledger: one per erase worker (a claim holds its connection), and some to spare. */
export const POOL_SIZE = 40;

// BIGINT columns (times in milliseconds) as numbers, not strings: ms since 1970 fit in 2^53.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, types, application_name: 'mediajobs-ledger' });
  // An idle connection the server drops (a restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const where = withoutCredentials(url);
  const failed = (error: unknown): never => {
    const message = (error as Error).message;
    throw new LedgerError(`the PostgreSQL ledger at ${where} failed: ${message}`, { cause: error });
  };
  // pool.connect() throws at once, rather than rejecting, on a URL that pg cannot parse.
  const connect = async () => {
    try {
      return await pool.connect();
    } catch (error) {
      return failed(error);
    }
  };
  const query = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params: Params = []) => {
    try {
      return (await client.query(numbered(sql), [...params])).rows as Row[];
    } catch (error) {
      return failed(error);
    }
  };
  return {
    dialect: 'postgres',
    where,
    query: (sql, params) => query(pool, sql, params),
    async begin(): Promise<Session> {
      const client = await connect();
      let changed = 0;
      let open = true;
      const end = async (sql: string) => {
        if (!open) return;
        open = false;
        try {
          await client.query(sql);
          client.release();
        } catch (error) {
          client.release(error as Error);
          failed(error);
        }
      };
      await query(client, 'BEGIN');
      return {
        async query<Row>(sql: string, params: Params = []) {
          try {
            const result = await client.query(numbered(sql), [...params]);
            changed += result.command === 'SELECT' ? 0 : (result.rowCount ?? 0);
            return result.rows as Row[];
          } catch (error) {
            return failed(error);
          }
        },
        async commit() {
          await end('COMMIT');
          return changed;
        },
        rollback: () => end('ROLLBACK'),
      };
    },
    async tryLock(name) {
      const client = await connect();
      const [row] = await query<{ held: boolean }>(
        client,
        'SELECT pg_try_advisory_lock(hashtextextended(?, 0)) AS held',
        [`mediajobs-ledger:${name}`],
      );
      if (!row?.held) {
        client.release();
        return undefined;
      }
      return {
        async release() {
          // Ending the connection releases the lock whatever state it is in.
          client.release(true);
        },
      };
    },
    async close() {
      await pool.end();
    },
  };
}

/** The URL without its password (or user), for messages and reports. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}
