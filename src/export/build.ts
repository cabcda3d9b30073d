import { exportJson } from './json';
import { inquiries, inquiryMessages } from '../support/schema';
import { snsIdentities } from '../sns/schema';
import { suspensions } from '../trust/schema';
import { Transform, type Readable } from 'node:stream';
import { and, asc, eq, inArray } from 'drizzle-orm';
import yazl from 'yazl';
import type { Deps } from '../platform/deps';
import { queueMail } from '../platform/mail/outbox';
import { members } from '../accounts/schema';
import { payouts, reviews, serviceImages, serviceOptions, services, payoutAccounts } from '../marketplace/schema';
import { followRequests, follows } from '../privacy/schema';
import { detailsOf } from '../privacy/settings';
import { privacyOf } from '../privacy/choices';
import { passkeys, phoneNumbers, totpFactors } from '../security/schema';
import { exportReadyMail } from './mails';
import { exportReadme } from './readme';
import { periodsOf } from '../retention/periods';
import { addTradingEntries } from './trading';
import { dataExports } from './schema';
import { mailLinks } from '../platform/mail/links';
import { socialExport } from './social';
import { consentsOf } from '../legal/terms';
import { exportFileKey } from './failure';
import { addDocumentEntries } from '../documents/exportEntries';
import { addMessageEntries } from './messagesEntries';
import { addLedgerEntry, addOrderEntries, addSecurityLogEntry } from './historyEntries';

const json = (value: unknown) => exportJson(value);

/** SNS links, suspensions and support inquiries: what the member has a right to see about their account's standing. */
async function accountStanding(db: Deps['db'], memberId: string) {
  const threads = await db
    .select()
    .from(inquiries)
    .where(eq(inquiries.memberId, memberId))
    .orderBy(asc(inquiries.createdAt));
  const messages =
    threads.length === 0
      ? []
      : await db
          .select({
            inquiryId: inquiryMessages.inquiryId,
            from: inquiryMessages.author,
            body: inquiryMessages.body,
            at: inquiryMessages.createdAt,
          })
          .from(inquiryMessages)
          .where(
            inArray(
              inquiryMessages.inquiryId,
              threads.map((i) => i.id),
            ),
          )
          .orderBy(asc(inquiryMessages.createdAt));
  return {
    snsLinks: await db
      .select({
        provider: snsIdentities.provider,
        linkedAt: snsIdentities.linkedAt,
        lastLoginAt: snsIdentities.lastLoginAt,
      })
      .from(snsIdentities)
      .where(eq(snsIdentities.memberId, memberId)),
    suspensions: await db
      .select({
        reason: suspensions.reason,
        from: suspensions.createdAt,
        until: suspensions.endsAt,
        liftedAt: suspensions.liftedAt,
      })
      .from(suspensions)
      .where(eq(suspensions.memberId, memberId)),
    inquiries: threads.map((i) => ({
      reference: i.reference,
      category: i.category,
      status: i.status,
      createdAt: i.createdAt,
      messages: messages.filter((m) => m.inquiryId === i.id).map(({ inquiryId, ...m }) => m),
    })),
  };
}

/**
 * Builds one member's export as a ZIP: JSON of every category, messages as JSON and readable HTML with
 * their attachments, orders as CSV, and a README. Streams everything page by page. Idempotent: a
 * finished export is not built again, and a crashed one is rebuilt from the start into a new file.
 */
export async function buildExport(deps: Deps, exportId: string) {
  const [job] = await deps.db.select().from(dataExports).where(eq(dataExports.id, exportId));
  if (!job || job.status === 'ready' || job.status === 'failed') return;
  await deps.db.update(dataExports).set({ status: 'running', progress: 0 }).where(eq(dataExports.id, exportId));
  const memberId = job.memberId;
  const [member] = await deps.db.select().from(members).where(eq(members.id, memberId));
  const relative = exportFileKey(exportId);
  // A run whose worker was killed left its half-written file: it goes before this run starts a new one.
  await deps.files.discardPartial(relative);
  const zip = new yazl.ZipFile();
  // The ZIP streams into the store as it is written (a multipart upload on S3): never whole in memory.
  const output = zip.outputStream as Readable;
  let sizeBytes = 0;
  const counted = output.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sizeBytes += chunk.length;
        done(null, chunk);
      },
    }),
  );
  const saved = deps.files.put(relative, counted, 'application/zip');
  try {
    await addEntries(deps, zip, exportId, member);
    await saved;
  } catch (error) {
    output.destroy();
    counted.destroy();
    await saved.catch(() => {});
    await deps.files.discardPartial(relative);
    // Waiting for its retry, not frozen at a percentage; the last failure marks it failed (failure.ts).
    await deps.db
      .update(dataExports)
      .set({ status: 'queued', progress: 0 })
      .where(and(eq(dataExports.id, exportId), eq(dataExports.status, 'running')));
    throw error;
  }
  const locale = member.locale;

  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(dataExports)
      .set({ status: 'ready', progress: 100, filePath: relative, sizeBytes, readyAt: now })
      .where(eq(dataExports.id, exportId));
    await queueMail(tx, deps, {
      to: member.email,
      memberId,
      template: 'export_ready',
      locale,
      content: exportReadyMail(locale, {
        name: member.displayName,
        url: mailLinks(deps.config.baseUrl).exportPage,
        expiresAt: job.expiresAt,
      }),
    });
  });
}

/** Every entry of the export, in order; ends the ZIP. */
async function addEntries(deps: Deps, zip: yazl.ZipFile, exportId: string, member: typeof members.$inferSelect) {
  const memberId = member.id;
  const db = deps.db;
  const locale = member.locale;
  zip.addBuffer(Buffer.from(exportReadme(locale, periodsOf(deps.config), deps.config.baseUrl)), 'README.txt');
  zip.addBuffer(
    Buffer.from(
      json({
        email: member.email,
        username: member.username,
        displayName: member.displayName,
        bio: member.bio,
        skills: member.skills,
        details: await detailsOf(db, memberId),
        locale: member.locale,
        buysAsBusiness: member.buysAsBusiness,
        status: member.status,
        registeredAt: member.createdAt,
        emailVerifiedAt: member.emailVerifiedAt,
      }),
    ),
    'profile.json',
  );
  const phone = (await db.select().from(phoneNumbers).where(eq(phoneNumbers.memberId, memberId)))[0];
  zip.addBuffer(
    Buffer.from(
      json({
        privacy: await privacyOf(db, memberId),
        authenticatorApp: (await db.select().from(totpFactors).where(eq(totpFactors.memberId, memberId))).some(
          (f) => f.confirmedAt,
        ),
        passkeys: (await db.select().from(passkeys).where(eq(passkeys.memberId, memberId))).map((p) => ({
          name: p.name,
          createdAt: p.createdAt,
          lastUsedAt: p.lastUsedAt,
        })),
        phone: phone ? { number: phone.phoneE164, verifiedAt: phone.verifiedAt } : null,
      }),
    ),
    'settings.json',
  );
  const myServiceImages = await db
    .select({
      serviceId: serviceImages.serviceId,
      position: serviceImages.position,
      width: serviceImages.width,
      height: serviceImages.height,
      createdAt: serviceImages.createdAt,
    })
    .from(serviceImages)
    .innerJoin(services, eq(services.id, serviceImages.serviceId))
    .where(eq(services.sellerId, memberId))
    .orderBy(asc(serviceImages.position));
  const myServiceOptions = await db
    .select({
      serviceId: serviceOptions.serviceId,
      title: serviceOptions.title,
      priceYen: serviceOptions.priceYen,
      extraDays: serviceOptions.extraDays,
    })
    .from(serviceOptions)
    .innerJoin(services, eq(services.id, serviceOptions.serviceId))
    .where(eq(services.sellerId, memberId))
    .orderBy(asc(serviceOptions.position));
  const myServices = (await db.select().from(services).where(eq(services.sellerId, memberId))).map(
    ({ searchTerms, searchText, ...s }) => ({
      ...s,
      images: myServiceImages.filter((i) => i.serviceId === s.id).map(({ serviceId, ...i }) => i),
      options: myServiceOptions.filter((o) => o.serviceId === s.id).map(({ serviceId, ...o }) => o),
    }),
  );
  zip.addBuffer(Buffer.from(json(myServices)), 'services.json');
  await addOrderEntries(db, zip, memberId);
  await addTradingEntries(db, zip, memberId);
  await addDocumentEntries(deps, zip, memberId, locale);
  await addLedgerEntry(db, zip, memberId);
  zip.addBuffer(
    Buffer.from(json(await db.select().from(payouts).where(eq(payouts.memberId, memberId)))),
    'payouts.json',
  );
  zip.addBuffer(
    Buffer.from(json(await db.select().from(payoutAccounts).where(eq(payoutAccounts.memberId, memberId)))),
    'payout-account.json',
  );
  zip.addBuffer(
    Buffer.from(
      json({
        given: await db.select().from(reviews).where(eq(reviews.authorId, memberId)),
        received: await db.select().from(reviews).where(eq(reviews.subjectId, memberId)),
      }),
    ),
    'reviews.json',
  );
  zip.addBuffer(
    Buffer.from(
      json({
        following: await db
          .select({ username: members.username, since: follows.createdAt })
          .from(follows)
          .innerJoin(members, eq(members.id, follows.followeeId))
          .where(eq(follows.followerId, memberId)),
        followers: await db
          .select({ username: members.username, since: follows.createdAt })
          .from(follows)
          .innerJoin(members, eq(members.id, follows.followerId))
          .where(eq(follows.followeeId, memberId)),
        requestsSent: await db
          .select({ username: members.username, since: followRequests.createdAt })
          .from(followRequests)
          .innerJoin(members, eq(members.id, followRequests.followeeId))
          .where(eq(followRequests.requesterId, memberId)),
        requestsReceived: await db
          .select({ username: members.username, since: followRequests.createdAt })
          .from(followRequests)
          .innerJoin(members, eq(members.id, followRequests.requesterId))
          .where(eq(followRequests.followeeId, memberId)),
      }),
    ),
    'follows.json',
  );
  await addSecurityLogEntry(db, zip, memberId);
  zip.addBuffer(Buffer.from(json(await accountStanding(db, memberId))), 'account-standing.json');
  zip.addBuffer(Buffer.from(json(await socialExport(db, memberId))), 'social.json');
  zip.addBuffer(Buffer.from(json(await consentsOf(db, memberId))), 'consents.json');
  await addMessageEntries(deps, zip, exportId, memberId);
  zip.end();
}
