import { eq } from 'drizzle-orm';
import type { Deps } from '../platform/deps';
import { invoiceRegistrations } from './schema';

export async function invoiceNumberOf(deps: Deps, memberId: string): Promise<string | null> {
  const [row] = await deps.db.select().from(invoiceRegistrations).where(eq(invoiceRegistrations.memberId, memberId));
  return row?.number ?? null;
}

/** Saves a seller's checked registration number (forms.ts validates it); later invoices print it. */
export async function saveInvoiceNumber(deps: Deps, memberId: string, number: string) {
  const updatedAt = deps.clock.now();
  await deps.db
    .insert(invoiceRegistrations)
    .values({ memberId, number, updatedAt })
    .onConflictDoUpdate({ target: invoiceRegistrations.memberId, set: { number, updatedAt } });
}

export async function removeInvoiceNumber(deps: Deps, memberId: string) {
  await deps.db.delete(invoiceRegistrations).where(eq(invoiceRegistrations.memberId, memberId));
}
