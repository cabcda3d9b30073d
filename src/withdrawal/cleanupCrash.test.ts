import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { members } from '../accounts/schema';
import { storeUpload } from '../platform/uploads';
import { saveService } from '../marketplace/services/commands';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { asCurrent, categoryId, createService } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { cleanUpWithdrawnMember } from './cleanup';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describeOnDatabases('withdrawal clean-up after a crash', (ctx) => {
  it('deletes the picture and service images on the retry when the first run died while deleting files', async () => {
    const member = await createMember(ctx());
    const serviceId = await createService(ctx(), member);
    await saveService(
      ctx().deps,
      asCurrent(member),
      serviceId,
      { title: '画像つき', categoryId: await categoryId(ctx()), description: '説明', priceYen: 5000, deliveryDays: 5 },
      true,
      [PNG_1x1, PNG_1x1],
    );
    const avatar = await storeUpload(ctx().deps.files, PNG_1x1, 'png');
    await ctx().deps.db.update(members).set({ avatarPath: avatar }).where(eq(members.id, member.id));
    const before: string[] = [];
    for await (const key of ctx().deps.files.list('uploads/')) before.push(key);

    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    const done = await client.post('/settings/withdrawal', {
      reason: 'other',
      freeText: '',
      understood: 'on',
      password: DEFAULT_PASSWORD,
    });
    expect(done.status).toBe(200);

    const files = ctx().deps.files;
    const remove = files.delete;
    let deletes = 0;
    // The worker dies at its second file deletion, after the rows' transaction has committed.
    files.delete = async (key) => {
      deletes += 1;
      if (deletes === 2) throw new Error('worker killed');
      return remove.call(files, key);
    };
    try {
      await expect(cleanUpWithdrawnMember(ctx().deps, member.id)).rejects.toThrow('worker killed');
    } finally {
      files.delete = remove;
    }
    await cleanUpWithdrawnMember(ctx().deps, member.id);
    const after: string[] = [];
    for await (const key of ctx().deps.files.list('uploads/')) after.push(key);
    const mine = before.filter((k) => k === avatar || !k.startsWith('uploads/exports/'));
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(after.filter((k) => mine.includes(k))).toEqual([]);
  });
});
