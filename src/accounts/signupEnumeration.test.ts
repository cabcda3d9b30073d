import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { createMember, SIGNUP_CONSENT } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { members } from './schema';

describeOnDatabases('sign-up says nothing about who is a member', (ctx) => {
  const signUpAs = (email: string, username: string) =>
    new TestClient(ctx()).post('/signup', {
      ...SIGNUP_CONSENT,
      email,
      username,
      displayName: 'プローブ',
      password: 'kumo no ue de hirune suru neko',
    });
  // The page without what differs by request (the form token, the address and name typed in).
  const page = (text: string, email: string, username: string) =>
    text
      .replace(/name="_csrf" value="[^"]+"/g, '')
      .replaceAll(email, 'EMAIL')
      .replaceAll(username, 'NAME');

  it('answers a probe with the same pages whether or not the address has an account', async () => {
    const victim = await createMember(ctx());
    const stranger = 'not-a-member-yet@example.test';
    const probes = [
      { email: victim.email, username: 'probe_member' },
      { email: stranger, username: 'probe_stranger' },
    ];
    const first = await Promise.all(probes.map((p) => signUpAs(p.email, p.username)));
    expect(first[0].status).toBe(first[1].status);
    expect(page(first[0].text, victim.email, 'probe_member')).toBe(page(first[1].text, stranger, 'probe_stranger'));
    // The same username with another address: "taken" in both cases, so it tells nothing.
    const second = await Promise.all(probes.map((p, i) => signUpAs(`other${i}@example.test`, p.username)));
    expect(second[0].status).toBe(422);
    expect(second[1].status).toBe(422);
    for (const res of second) expect(res.text).toContain('このユーザー名はすでに使われています');
    expect(page(second[0].text, 'other0@example.test', 'probe_member')).toBe(
      page(second[1].text, 'other1@example.test', 'probe_stranger'),
    );
    // No account was made for the member's address; the held name is still nobody's account.
    expect(await ctx().deps.db.select().from(members).where(eq(members.username, 'probe_member'))).toHaveLength(0);
    expect(await ctx().deps.db.select().from(members).where(eq(members.email, victim.email))).toHaveLength(1);
  });
});
