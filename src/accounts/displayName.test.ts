import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { createMember, SIGNUP_CONSENT } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { members } from './schema';

describeOnDatabases('display names are one line', (ctx) => {
  it('refuses CR/LF in a display name at sign-up and on the profile, next to the field', async () => {
    const visitor = new TestClient(ctx());
    const res = await visitor.post('/signup', {
      ...SIGNUP_CONSENT,
      email: 'two-lines@example.test',
      username: 'two_lines',
      displayName: '上の行\r\n偽の行',
      password: 'kumo no ue de hirune suru neko',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('表示名に改行は使えません');
    expect(await ctx().deps.db.select().from(members).where(eq(members.username, 'two_lines'))).toHaveLength(0);

    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, member.password);
    await client.get('/settings/profile');
    const edit = await client.post('/settings/profile', { displayName: 'A\nB', bio: '' });
    expect(edit.status).toBe(422);
    expect(edit.text).toContain('表示名に改行は使えません');
    const [row] = await ctx().deps.db.select().from(members).where(eq(members.id, member.id));
    expect(row.displayName).toBe(member.displayName);
  });
});
