import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../platform/db/client';
import { hiddenContent, type ReportKind } from './schema';

/** The one rule for content hidden by an operator, as SQL: "this row is not hidden". Lists and pages use it. */
export function notHidden(kind: ReportKind, id: AnyPgColumn): SQL {
  return sql`not exists (select 1 from ${hiddenContent} where ${hiddenContent.kind} = ${kind} and ${hiddenContent.targetId} = ${id}::text)`;
}

export async function isHidden(tx: Tx, kind: ReportKind, targetId: string): Promise<boolean> {
  const [row] = await tx
    .select({ k: hiddenContent.kind })
    .from(hiddenContent)
    .where(and(eq(hiddenContent.kind, kind), eq(hiddenContent.targetId, targetId)));
  return !!row;
}
