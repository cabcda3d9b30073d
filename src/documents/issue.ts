import { and, eq, isNull, sql } from 'drizzle-orm';
import { members } from '../accounts/schema';
import type { Deps } from '../platform/deps';
import type { Tx } from '../platform/db/client';
import { logOperatorAction } from '../trust/operatorLog';
import { yearOf } from './periods';
import { recordOf, type DocumentRecord } from './records';
import { issuedDocuments, invoiceRegistrations, type DocumentKind } from './schema';

export type IssuedDocument = {
  number: string;
  kind: DocumentKind;
  issuedAt: Date;
  reissueCount: number;
  /** 宛名: the buyer's choice on a receipt; the member's name when first issued on the others. */
  addressee: string | null;
  /** The seller's own 適格請求書発行事業者登録番号, on invoices. */
  sellerInvoiceNumber: string | null;
};

export type Issued =
  | { ok: true; document: IssuedDocument; record: DocumentRecord }
  | { ok: false; problem: 'recordsGone' | 'addresseeSet' };

const prefixes: Record<DocumentKind, string> = { receipt: 'R', invoice: 'I', annual_report: 'A' };

/**
 * Issues a document, or issues it again: the first time it gets its number (kept for good); every later copy
 * counts as 再発行. Nothing is written when the transaction records behind it are gone (or never were).
 * An operator's copy (a member who left asks support) is written to the operator log.
 */
export async function issueDocument(
  deps: Deps,
  input: {
    memberId: string;
    kind: DocumentKind;
    subject: string;
    addressee?: string;
    operator?: { id: string };
  },
): Promise<Issued> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const record = await recordOf(tx, input.memberId, input.kind, input.subject);
    if (!record) return { ok: false as const, problem: 'recordsGone' as const };
    const key = and(
      eq(issuedDocuments.memberId, input.memberId),
      eq(issuedDocuments.kind, input.kind),
      eq(issuedDocuments.subject, input.subject),
    );
    const [created] = await tx
      .insert(issuedDocuments)
      .values({
        number: `pending-${crypto.randomUUID()}`,
        kind: input.kind,
        memberId: input.memberId,
        subject: input.subject,
        addressee: input.addressee ?? (input.kind === 'receipt' ? null : await nameOf(tx, input.memberId)),
        issuedAt: now,
        lastIssuedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    const [row] = created
      ? await tx
          .update(issuedDocuments)
          .set({ number: `${prefixes[input.kind]}${yearOf(now)}-${String(created.id).padStart(6, '0')}` })
          .where(eq(issuedDocuments.id, created.id))
          .returning()
      : await tx
          .update(issuedDocuments)
          .set({
            reissueCount: sql`${issuedDocuments.reissueCount} + 1`,
            lastIssuedAt: now,
            ...(input.addressee ? { addressee: input.addressee } : {}),
          })
          // 宛名 may be written once: a receipt that already names someone is not issued to another name.
          .where(input.addressee ? and(key, isNull(issuedDocuments.addressee)) : key)
          .returning();
    if (!row) return { ok: false as const, problem: 'addresseeSet' as const };
    if (input.operator)
      await logOperatorAction(tx, input.operator, 'document_reissue', input.memberId, `${row.kind} ${row.number}`, now);
    const [registration] =
      input.kind === 'invoice'
        ? await tx.select().from(invoiceRegistrations).where(eq(invoiceRegistrations.memberId, input.memberId))
        : [];
    return {
      ok: true as const,
      record,
      document: {
        number: row.number,
        kind: row.kind,
        issuedAt: row.issuedAt,
        reissueCount: row.reissueCount,
        addressee: row.addressee,
        sellerInvoiceNumber: registration?.number ?? null,
      },
    };
  });
}

async function nameOf(tx: Tx, memberId: string): Promise<string | null> {
  const [member] = await tx.select({ name: members.displayName }).from(members).where(eq(members.id, memberId));
  return member?.name || null;
}
