import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
// The tables live in their features (gathered in src/schema.ts for drizzle-kit); queries name them directly,
// so the connection needs no schema of its own.
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle or the database itself: commands accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/** What pg-boss needs to run its SQL on our connection (or inside our transaction). */
export type SqlExecutor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> };

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  executor: SqlExecutor;
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

const migrationsFolder = new URL('../../../migrations', import.meta.url).pathname;

/** `memory://` for a throwaway embedded database, a folder for a kept one, or a postgres:// URL. */
export async function openDatabase(target: { url?: string; dataDir?: string; memory?: boolean }): Promise<Database> {
  if (target.url) return openPostgres(target.url);
  let location = 'memory://';
  if (!target.memory) {
    location = join(target.dataDir ?? './data', 'pgdata');
    mkdirSync(location, { recursive: true });
  }
  return openPglite(location);
}

async function openPglite(location: string): Promise<Database> {
  const client = await PGlite.create(location);
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    executor: {
      // PGlite's extended protocol takes one statement; pg-boss sends scripts without parameters.
      async executeSql(text, values) {
        if (!values || values.length === 0) {
          const results = await client.exec(text);
          return results[results.length - 1] ?? { rows: [] };
        }
        return client.query(text, values as any[]);
      },
    },
    migrate: () => migratePglite(db as any, { migrationsFolder }),
    ping: async () => !client.closed && (await client.query('select 1')).rows.length === 1,
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // A dropped connection must not crash the process: the pool reconnects on the next query.
  pool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    executor: { executeSql: (text, values) => pool.query(text, values as any[]) },
    migrate: async () => {
      // Several processes may start at once: one migrates, the others wait for it.
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock(7242001)');
        await migratePg(drizzlePg(conn), { migrationsFolder });
      } finally {
        await conn.query('select pg_advisory_unlock(7242001)').catch(() => {});
        conn.release();
      }
    },
    ping: async () => {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}

/** Runs pg-boss SQL inside a drizzle transaction, so a job is enqueued only if the transaction commits. */
export function transactionExecutor(tx: Tx): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`));
      const result: any = await tx.execute(sql.join(chunks, sql.raw('')));
      return { rows: result.rows ?? result };
    },
  };
}
