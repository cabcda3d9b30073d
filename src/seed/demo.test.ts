import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { describeOnDatabases } from '../../tests/support/suites';
import { totpCodeAt } from '../../tests/support/trust';
import { seedDemoIfEmpty } from './demo';

describeOnDatabases('demo data', (ctx) => {
  it('fills an empty database once, and the demo operator reaches the console with the printed authenticator secret', async () => {
    const logins = (await seedDemoIfEmpty(ctx().deps))!;
    expect(logins.map((l) => l.role)).toEqual(['buyer', 'seller', 'operator']);
    expect(await seedDemoIfEmpty(ctx().deps)).toBeNull();
    const operator = logins.find((l) => l.role === 'operator')!;
    const client = new TestClient(ctx());
    expect((await client.post('/login', { email: operator.email, password: operator.password })).location).toContain(
      '/login/verify',
    );
    expect(
      (
        await client.post('/login/verify', {
          code: totpCodeAt(operator.totpSecret!, ctx().clock.now()),
          next: '/admin',
        })
      ).location,
    ).toBe('/admin');
    expect((await client.get('/admin/duplicates')).text).toContain('demo_fan');
    expect((await client.get('/admin/reviews')).text).toContain('最高の出品者です');
    expect((await client.get('/admin/inquiries')).text).toContain('former.member@demo.wazaichi.test');
    expect((await new TestClient(ctx()).get('/users/demo_seller')).text).not.toContain('最高の出品者です');
    const cover = (await new TestClient(ctx()).get('/categories/logo')).text.match(
      /src="(\/services\/[0-9a-f-]+\/images\/[0-9a-f-]+)"/,
    );
    expect((await ctx().app.request(cover![1])).headers.get('content-type')).toBe('image/png');
  });
});
