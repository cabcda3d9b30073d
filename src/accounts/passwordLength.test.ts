import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { createMember } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';

describeOnDatabases('an overlong password is called too long, not empty (#14 finding 13)', (ctx) => {
  it('says the cap beside the field at login, and an empty one is not called too long', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.get('/login');
    const long = await client.post('/login', { email: member.email, password: 'a'.repeat(5000) });
    expect(long.status).toBe(422);
    expect(long.text).toContain('4096文字以内で入力してください。');
    const empty = await client.post('/login', { email: member.email, password: '' });
    expect(empty.text).not.toContain('4096文字以内');
  });
});
