import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Db } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import type { Locale } from '../platform/i18n';
import { queueMail } from '../platform/mail/outbox';
import { consumeRateLimit } from '../platform/rateLimit';
import { logOperatorAction, type Operator } from '../trust/operatorLog';
import { inquiryAnsweredMail, inquiryReceivedMail } from './mails';
import { inquiries, inquiryMessages, type InquiryCategory } from './schema';
import { mailLinks } from '../platform/mail/links';

const inquiriesPerIp = { bucket: 'inquiry:ip', limit: 10, windowMs: 3600_000 };
const inquiriesPerAddress = { bucket: 'inquiry:email', limit: 5, windowMs: 3600_000 };

/** WZ- and eight letters or digits, without look-alikes (0/O, 1/I), easy to read out on the phone. */
function newReference(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `WZ-${[...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

export type InquiryInput = { category: InquiryCategory; name: string; email: string; body: string };

/**
 * A new ticket from a member or a visitor (a member who has left writes as a visitor, with the address
 * they used). The ticket, its first message and the confirmation mail are written together.
 */
export async function openInquiry(
  deps: Deps,
  sender: { memberId: string | null; locale: Locale; ip: string | null },
  input: InquiryInput,
): Promise<{ ok: true; reference: string } | { ok: false; problem: Message }> {
  const now = deps.clock.now();
  if (sender.ip && !(await consumeRateLimit(deps.db, inquiriesPerIp, sender.ip, now)))
    return { ok: false, problem: (t) => t.accounts.errors.tooManyAttempts };
  if (!(await consumeRateLimit(deps.db, inquiriesPerAddress, input.email.toLowerCase(), now)))
    return { ok: false, problem: (t) => t.accounts.errors.tooManyAttempts };
  const reference = newReference();
  await deps.db.transaction(async (tx) => {
    const [inquiry] = await tx
      .insert(inquiries)
      .values({
        reference,
        memberId: sender.memberId,
        email: input.email,
        name: input.name,
        category: input.category,
        locale: sender.locale,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx
      .insert(inquiryMessages)
      .values({ inquiryId: inquiry.id, author: 'sender', body: input.body, createdAt: now });
    await queueMail(tx, deps, {
      to: input.email,
      memberId: sender.memberId,
      template: 'inquiry_received',
      locale: sender.locale,
      content: inquiryReceivedMail(sender.locale, {
        name: input.name,
        reference,
        category: input.category,
        threadUrl: sender.memberId ? mailLinks(deps.config.baseUrl).inquiry(reference) : null,
      }),
    });
  });
  return { ok: true, reference };
}

export async function inquiryThread(db: Db, reference: string) {
  const [inquiry] = await db.select().from(inquiries).where(eq(inquiries.reference, reference));
  if (!inquiry) return null;
  const messages = await db
    .select()
    .from(inquiryMessages)
    .where(eq(inquiryMessages.inquiryId, inquiry.id))
    .orderBy(asc(inquiryMessages.createdAt));
  return { inquiry, messages };
}

export type InquiryThread = NonNullable<Awaited<ReturnType<typeof inquiryThread>>>;

/** A member sees only their own tickets. */
export async function memberInquiryThread(db: Db, memberId: string, reference: string) {
  const thread = await inquiryThread(db, reference);
  return thread && thread.inquiry.memberId === memberId ? thread : null;
}

export async function memberInquiries(db: Db, memberId: string) {
  return db
    .select()
    .from(inquiries)
    .where(eq(inquiries.memberId, memberId))
    .orderBy(desc(inquiries.updatedAt))
    .limit(100);
}

/** The member adds to their own open ticket. */
export async function replyAsMember(deps: Deps, memberId: string, reference: string, body: string): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [inquiry] = await tx
      .select()
      .from(inquiries)
      .where(and(eq(inquiries.reference, reference), eq(inquiries.memberId, memberId)))
      .for('update');
    if (!inquiry || inquiry.status === 'closed') return false;
    await tx.insert(inquiryMessages).values({ inquiryId: inquiry.id, author: 'sender', body, createdAt: now });
    await tx.update(inquiries).set({ status: 'open', updatedAt: now }).where(eq(inquiries.id, inquiry.id));
    return true;
  });
}

/** An operator answers: the answer is in the thread and goes to the contact address by mail. */
export async function answerInquiry(
  deps: Deps,
  operator: Operator,
  reference: string,
  body: string,
  close: boolean,
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [inquiry] = await tx.select().from(inquiries).where(eq(inquiries.reference, reference)).for('update');
    if (!inquiry) return false;
    if (body) {
      await tx
        .insert(inquiryMessages)
        .values({ inquiryId: inquiry.id, author: 'operator', operatorId: operator.id, body, createdAt: now });
      await queueMail(tx, deps, {
        to: inquiry.email,
        memberId: inquiry.memberId,
        template: 'inquiry_answered',
        locale: inquiry.locale,
        content: inquiryAnsweredMail(inquiry.locale, {
          name: inquiry.name,
          reference,
          body,
          threadUrl: inquiry.memberId ? mailLinks(deps.config.baseUrl).inquiry(reference) : null,
          formUrl: mailLinks(deps.config.baseUrl).support,
        }),
      });
    }
    await tx
      .update(inquiries)
      .set({ status: close ? 'closed' : body ? 'answered' : inquiry.status, updatedAt: now })
      .where(eq(inquiries.id, inquiry.id));
    await logOperatorAction(
      tx,
      operator,
      close ? 'inquiry_closed' : 'inquiry_answered',
      inquiry.memberId,
      reference,
      now,
    );
    return true;
  });
}

/** The operators' list: open ones first, then the rest, most recently active first. */
export async function inquiriesForOperators(db: Db) {
  return db
    .select()
    .from(inquiries)
    .orderBy(sql`${inquiries.status} = 'open' desc`, desc(inquiries.updatedAt))
    .limit(200);
}
