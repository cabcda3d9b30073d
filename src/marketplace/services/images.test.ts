import { asc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../../tests/support/factories';
import { categoryId, createService } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';
import { purgeExpired } from '../../retention/purge';
import { WITHDRAWAL_CLEANUP_JOB } from '../../withdrawal/withdrawMember';
import { serviceImages, services } from '../schema';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
// The same picture claiming, in its header, to be 5000 pixels wide.
const wide = Buffer.from(PNG_1x1);
wide.writeUInt32BE(5000, 16);
const png = (name = 'photo.png') => new File([PNG_1x1], name, { type: 'image/png' });

describeOnDatabases('service images (出品の画像)', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };
  // What the file store holds (the folder or the bucket, whichever this run uses).
  const uploadedFiles = async () => {
    const keys: string[] = [];
    for await (const key of ctx().deps.files.list('uploads/')) keys.push(key);
    return keys.sort();
  };
  const imagesOf = (serviceId: string) =>
    ctx()
      .deps.db.select()
      .from(serviceImages)
      .where(eq(serviceImages.serviceId, serviceId))
      .orderBy(asc(serviceImages.position));
  const serviceForm = async (title: string, files: File[]) => {
    const form = new FormData();
    form.set('title', title);
    form.set('categoryId', String(await categoryId(ctx())));
    form.set('description', '画像つきのサービスです。');
    form.set('priceYen', '5000');
    form.set('deliveryDays', '5');
    form.set('intent', 'publish');
    for (const file of files) form.append('images', file);
    return form;
  };

  it('takes images on create and edit, shows the cover on cards and every image on the page, and lets the seller choose the cover and remove one', async () => {
    const seller = await createMember(ctx());
    const client = await loggedIn(seller);
    const tag = `画像${Date.now() % 100000}`;
    const created = await client.postMultipart(
      '/services/new',
      await serviceForm(`${tag}のロゴ`, [png('a.png'), png('b.png')]),
    );
    expect(created.status).toBe(303);
    const serviceId = created.location!.split('/')[2].split('?')[0];
    const [first, second] = await imagesOf(serviceId);
    expect([first.position, second.position, first.width, first.height]).toEqual([0, 1, 1, 1]);
    expect(await ctx().deps.files.exists(first.storagePath)).toBe(true);

    const visitor = new TestClient(ctx());
    const page = await visitor.get(`/services/${serviceId}`);
    expect(page.text).toContain(`src="/services/${serviceId}/images/${first.id}" alt="${tag}のロゴ（画像1/2）"`);
    expect(page.text).toContain(`src="/services/${serviceId}/images/${second.id}" alt="${tag}のロゴ（画像2/2）"`);
    expect((await visitor.get(`/search?q=${encodeURIComponent(tag)}`)).text).toContain(
      `/services/${serviceId}/images/${first.id}`,
    );
    const image = await ctx().app.request(`/services/${serviceId}/images/${first.id}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG_1x1);

    const edited = await client.postMultipart(
      `/services/${serviceId}/edit`,
      await serviceForm(`${tag}のロゴ改`, [png('c.png')]),
    );
    expect(edited.status).toBe(303);
    const third = (await imagesOf(serviceId))[2];
    expect(third.position).toBe(2);
    expect((await client.post(`/services/${serviceId}/images/${third.id}/cover`, {})).location).toBe(
      `/services/${serviceId}/edit?notice=coverChanged`,
    );
    expect((await imagesOf(serviceId)).map((i) => i.id)).toEqual([third.id, first.id, second.id]);
    const category = await visitor.get('/categories/logo');
    expect(category.text).toContain(`/services/${serviceId}/images/${third.id}`);
    expect(category.text).not.toContain(`/services/${serviceId}/images/${first.id}`);

    // Another member can neither remove nor reorder the seller's images.
    const stranger = await loggedIn(await createMember(ctx()));
    expect((await stranger.post(`/services/${serviceId}/images/${first.id}/remove`, {})).status).toBe(404);
    expect((await client.post(`/services/${serviceId}/images/${first.id}/remove`, {})).location).toBe(
      `/services/${serviceId}/edit?notice=imageRemoved`,
    );
    expect((await imagesOf(serviceId)).map((i) => [i.id, i.position])).toEqual([
      [third.id, 0],
      [second.id, 1],
    ]);
    expect(await ctx().deps.files.exists(first.storagePath)).toBe(false);
    expect((await ctx().app.request(`/services/${serviceId}/images/${first.id}`)).status).toBe(404);
    expect((await client.get(`/services/${serviceId}/edit?notice=imageRemoved`)).text).toContain(
      '画像を削除しました。',
    );
  });

  it('refuses a wrong type, a file too big and a sixth image next to the field, keeps what was typed, and writes nothing', async () => {
    const seller = await createMember(ctx());
    const client = await loggedIn(seller);
    const before = await uploadedFiles();
    const title = `拒否テスト${Date.now() % 100000}`;
    const cases: [File[], string][] = [
      [
        [new File([Buffer.from('<svg onload=alert(1)>')], 'logo.png', { type: 'image/png' })],
        'PNG・JPEG・WebP の画像を選んでください。',
      ],
      [
        [png(), new File([PNG_1x1, Buffer.alloc(5 * 1024 * 1024)], 'big.png', { type: 'image/png' })],
        '画像は1枚5MBまでにしてください。',
      ],
      [[new File([wide], 'wide.png', { type: 'image/png' })], '画像は縦横4000ピクセル以内にしてください。'],
      [Array.from({ length: 6 }, () => png()), '画像は1つのサービスに5枚までです。'],
    ];
    for (const [files, message] of cases) {
      const res = await client.postMultipart('/services/new', await serviceForm(title, files));
      expect(res.status).toBe(422);
      expect(res.text).toContain(`<p class="field-error" id="f-images-error" role="alert">${message}</p>`);
      expect(res.text).toContain(`value="${title}"`);
      expect(res.text).toContain('画像つきのサービスです。');
    }
    const both = await client.postMultipart(
      '/services/new',
      await serviceForm('', [png(), new File([Buffer.from('GIF89a')], 'x.gif')]),
    );
    expect(both.text).toContain('PNG・JPEG・WebP の画像を選んでください。');
    expect(both.text).toContain('入力してください。');
    expect(await ctx().deps.db.select().from(services).where(eq(services.title, title))).toHaveLength(0);
    expect(await uploadedFiles()).toEqual(before);

    // On edit the limit counts the images the service already has; the text is not saved either.
    const serviceId = await createService(ctx(), seller, { title: '既存のサービス' });
    expect(
      (
        await client.postMultipart(
          `/services/${serviceId}/edit`,
          await serviceForm(
            '既存のサービス',
            Array.from({ length: 4 }, () => png()),
          ),
        )
      ).status,
    ).toBe(303);
    const withFour = await uploadedFiles();
    const refused = await client.postMultipart(
      `/services/${serviceId}/edit`,
      await serviceForm('変えたタイトル', [png(), png()]),
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('画像は1つのサービスに5枚までです。');
    expect(refused.text).toContain('value="変えたタイトル"');
    expect((await ctx().deps.db.select().from(services).where(eq(services.id, serviceId)))[0].title).toBe(
      '既存のサービス',
    );
    expect(await imagesOf(serviceId)).toHaveLength(4);
    expect(await uploadedFiles()).toEqual(withFour);
  });

  it('serves images only while the service page is visible: paused to the owner alone, deleted to nobody, and deletion removes the files', async () => {
    const seller = await createMember(ctx());
    const client = await loggedIn(seller);
    const created = await client.postMultipart('/services/new', await serviceForm('休止と削除の画像', [png()]));
    const serviceId = created.location!.split('/')[2].split('?')[0];
    const [image] = await imagesOf(serviceId);
    const url = `/services/${serviceId}/images/${image.id}`;
    const other = await loggedIn(await createMember(ctx()));
    expect((await other.get(url)).status).toBe(200);

    await client.post(`/services/${serviceId}/status`, { status: 'paused' });
    expect((await new TestClient(ctx()).get(url)).status).toBe(404);
    expect((await other.get(url)).status).toBe(404);
    expect((await client.get(url)).status).toBe(200);

    await client.post(`/services/${serviceId}/status`, { status: 'deleted' });
    expect((await client.get(url)).status).toBe(404);
    expect(await imagesOf(serviceId)).toHaveLength(0);
    expect(await ctx().deps.files.exists(image.storagePath)).toBe(false);
  });

  it('hides a withdrawn seller’s images at once and the clean-up deletes their rows and files', async () => {
    const seller = await createMember(ctx());
    const client = await loggedIn(seller);
    const created = await client.postMultipart(
      '/services/new',
      await serviceForm('退会する出品者の画像', [png(), png()]),
    );
    const serviceId = created.location!.split('/')[2].split('?')[0];
    const images = await imagesOf(serviceId);
    expect(
      (
        await client.post('/settings/withdrawal', {
          reason: 'rarely_used',
          freeText: '',
          understood: 'on',
          password: DEFAULT_PASSWORD,
        })
      ).status,
    ).toBe(200);
    expect((await new TestClient(ctx()).get(`/services/${serviceId}/images/${images[0].id}`)).status).toBe(404);

    await ctx().deps.jobs.drain(WITHDRAWAL_CLEANUP_JOB);
    expect(await imagesOf(serviceId)).toHaveLength(0);
    for (const image of images) expect(await ctx().deps.files.exists(image.storagePath)).toBe(false);
  });

  it('the daily purge deletes images a crash left on a deleted service, rows and files', async () => {
    const seller = await createMember(ctx());
    const client = await loggedIn(seller);
    const created = await client.postMultipart('/services/new', await serviceForm('取り残された画像', [png()]));
    const serviceId = created.location!.split('/')[2].split('?')[0];
    const [image] = await imagesOf(serviceId);
    // As if the process died between marking the service deleted and removing its images.
    await ctx().deps.db.update(services).set({ status: 'deleted' }).where(eq(services.id, serviceId));
    await purgeExpired(ctx().deps);
    expect(await imagesOf(serviceId)).toHaveLength(0);
    expect(await ctx().deps.files.exists(image.storagePath)).toBe(false);
  });
});
