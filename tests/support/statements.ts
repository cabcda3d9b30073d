import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * Counts the statements every database client sends (BEGIN and COMMIT included) while `during` runs, by
 * wrapping the drivers' query methods: a test can hold a hot path to a statement budget.
 */
export async function countStatements(during: () => Promise<unknown>): Promise<{ statements: string[] }> {
  const statements: string[] = [];
  const note = (text: unknown) => statements.push(typeof text === 'string' ? text : String((text as any)?.text));
  const restore: (() => void)[] = [];
  const wrap = (proto: any, method: string, before: (args: any[]) => void) => {
    const original = proto[method];
    proto[method] = function (this: unknown, ...args: any[]) {
      before(args);
      return original.apply(this, args);
    };
    restore.push(() => (proto[method] = original));
  };
  wrap(pg.Client.prototype, 'query', (args) => note(args[0]));
  wrap(PGlite.prototype, 'query', (args) => note(args[0]));
  wrap(PGlite.prototype, 'exec', (args) => note(args[0]));
  // PGlite runs a transaction's statements on an object of its own: count them there.
  wrap(PGlite.prototype, 'transaction', (args) => {
    const body = args[0];
    note('begin');
    args[0] = async (tx: any) => {
      for (const m of ['query', 'exec']) {
        const original = tx[m].bind(tx);
        tx[m] = (text: unknown, ...rest: unknown[]) => (note(text), original(text, ...rest));
      }
      const result = await body(tx);
      note('commit');
      return result;
    };
  });
  try {
    await during();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return { statements };
}
