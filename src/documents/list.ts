import { eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import { availableDocuments, type AvailableDocument } from './records';
import { issuedDocuments } from './schema';

export type DocumentItem = AvailableDocument & {
  issued: { number: string; issuedAt: Date; reissueCount: number; addressee: string | null } | null;
};

/** The member's documents (what their records allow now), each with its number once issued. */
export async function documentsOf(db: Tx, memberId: string, now: Date): Promise<DocumentItem[]> {
  const issued = await db.select().from(issuedDocuments).where(eq(issuedDocuments.memberId, memberId));
  const byKey = new Map(issued.map((row) => [`${row.kind}:${row.subject}`, row]));
  return (await availableDocuments(db, memberId, now)).map((item) => {
    const row = byKey.get(`${item.kind}:${item.subject}`);
    return {
      ...item,
      issued: row
        ? { number: row.number, issuedAt: row.issuedAt, reissueCount: row.reissueCount, addressee: row.addressee }
        : null,
    };
  });
}

/** Where a member downloads a document (the route checks that it is theirs). */
export function documentPath(kind: string, subject: string): string {
  return `/mypage/documents/${kind}/${subject}.pdf`;
}
