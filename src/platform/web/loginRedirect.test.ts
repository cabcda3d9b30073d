import { expect, it } from 'vitest';
import { DAY } from '../clock';
import { TestClient } from '../../../tests/support/client';
import { DEFAULT_PASSWORD } from '../../../tests/support/factories';
import { createOrder } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';

describeOnDatabases('back after logging in again', (ctx) => {
  it('a form posted after the session ended comes back to the page it was on, not to the POST address', async () => {
    const { orderId, buyer } = await createOrder(ctx());
    const client = new TestClient(ctx());
    await client.logIn(buyer.email, DEFAULT_PASSWORD);
    expect((await client.get(`/orders/${orderId}`)).status).toBe(200);
    ctx().clock.advance(31 * DAY);
    const posted = await client.request(
      'POST',
      `/orders/${orderId}/messages`,
      { _csrf: (await client.get('/')).text.match(/name="_csrf" value="([^"]+)"/)![1], body: 'こんにちは' },
      { referer: `http://localhost:3000/orders/${orderId}?tab=messages` },
    );
    expect(posted.status).toBe(303);
    const next = new URL(posted.location!, 'http://x').searchParams.get('next');
    expect(next).toBe(`/orders/${orderId}?tab=messages`);
    const loggedIn = await client.post('/login', { email: buyer.email, password: DEFAULT_PASSWORD, next: next! });
    expect(loggedIn.location).toBe(next);
    expect((await client.get(next!)).status).toBe(200);
  });

  it('follows no Referer from another site or one the login would refuse, and keeps the address of a GET', async () => {
    const visitor = new TestClient(ctx());
    const token = (await visitor.get('/')).text.match(/name="_csrf" value="([^"]+)"/)![1];
    const postFrom = async (referer?: string) => {
      const res = await visitor.request(
        'POST',
        '/settings/profile',
        { _csrf: token, displayName: 'x' },
        referer ? { referer } : {},
      );
      return new URL(res.location!, 'http://x').searchParams.get('next');
    };
    expect(await postFrom('https://evil.example/orders/1')).toBe('/');
    expect(await postFrom('http://localhost:3000//evil.example/x')).toBe('/');
    expect(await postFrom('not a url')).toBe('/');
    expect(await postFrom()).toBe('/');
    expect(await postFrom('http://localhost:3000/settings/profile')).toBe('/settings/profile');
    expect((await visitor.get('/settings/profile?tab=1')).location).toBe('/login?next=%2Fsettings%2Fprofile%3Ftab%3D1');
  });
});
