import { eq, sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { keepValues, parseForm, textField } from '../platform/web/forms';
import { currentMember, memberOnly, render } from '../platform/web/http';
import { uploadedFile } from '../platform/web/uploadsInput';
import { readUpload, sniffUpload, uploadKinds } from '../platform/uploads';
import { members } from '../accounts/schema';
import { follow, followCounts, followList, isFollowing, unfollow } from '../marketplace/follows';
import { ratingOf, reviewsReceived } from '../marketplace/reviews';
import { servicesOfSeller } from '../marketplace/services/queries';
import { FollowListPage, ProfileEditPage, ProfilePage } from './pages';
import { updateProfile } from './profile';
import { shownAs } from './shownAs';

const profileForm = {
  displayName: textField(z.string().trim().min(1).max(40)),
  bio: textField(z.string().trim().max(2000)),
  skills: textField(z.string().trim().max(300)),
};

async function memberByUsername(c: Context<AppEnv>, username: string) {
  const [member] = await c
    .get('deps')
    .db.select()
    .from(members)
    .where(sql`lower(${members.username}) = ${username.toLowerCase()}`);
  return member ?? null;
}

/** Whose profile others may see now: active members only. Others get a page saying so, never their data. */
function profileHidden(c: Context<AppEnv>, member: typeof members.$inferSelect | null) {
  if (!member) return notFoundPage(c);
  return member.status === 'active' ? null : notFoundPage(c);
}

export function profileRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/users/:username', async (c) => {
    const member = await memberByUsername(c, c.req.param('username'));
    const hidden = profileHidden(c, member);
    if (hidden) return hidden;
    const deps = c.get('deps');
    const viewer = c.get('view').member;
    const reviews = await reviewsReceived(deps.db, { subjectId: member!.id });
    return render(
      c,
      <ProfilePage
        v={c.get('view')}
        p={{
          username: member!.username,
          displayName: member!.displayName,
          bio: member!.bio,
          skills: member!.skills,
          hasAvatar: member!.avatarPath !== null,
          memberId: member!.id,
          createdAt: member!.createdAt,
          rating: await ratingOf(deps.db, member!.id),
          follows: await followCounts(deps.db, member!.id),
          services: await servicesOfSeller(deps.db, member!.id, { own: false }),
          reviews: reviews.map((r) => ({ ...r, authorName: shownAs({ status: r.authorStatus, displayName: r.authorName, username: r.authorUsername }).name })),
          viewer: { loggedIn: !!viewer, isSelf: viewer?.id === member!.id, isFollowing: viewer ? await isFollowing(deps.db, viewer.id, member!.id) : false },
        }}
      />,
    );
  });

  for (const direction of ['followers', 'following'] as const) {
    app.get(`/users/:username/${direction}`, async (c) => {
      const member = await memberByUsername(c, c.req.param('username'));
      const hidden = profileHidden(c, member);
      if (hidden) return hidden;
      const t = c.get('view').t.marketplace.profile;
      const title = direction === 'followers' ? t.followersTitle(member!.displayName) : t.followingTitle(member!.displayName);
      return render(c, <FollowListPage v={c.get('view')} title={title} people={await followList(c.get('deps').db, member!.id, direction)} />);
    });
  }

  for (const action of ['follow', 'unfollow'] as const) {
    app.post(`/users/:username/${action}`, memberOnly, async (c) => {
      const member = await memberByUsername(c, c.req.param('username'));
      if (!member) return notFoundPage(c);
      if (action === 'follow') await follow(c.get('deps'), currentMember(c).id, member.id);
      else await unfollow(c.get('deps'), currentMember(c).id, member.id);
      return c.redirect(`/users/${member.username}`, 303);
    });
  }

  app.get('/avatars/:memberId', async (c) => {
    const id = c.req.param('memberId');
    if (!z.string().uuid().safeParse(id).success) return notFoundPage(c);
    const [member] = await c.get('deps').db.select().from(members).where(eq(members.id, id));
    if (!member?.avatarPath || member.status !== 'active') return notFoundPage(c);
    const bytes = await readUpload(c.get('deps').config.dataDir, member.avatarPath);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': uploadKinds[sniffUpload(bytes) ?? 'png'].mime, 'Cache-Control': 'private, max-age=300' });
  });

  app.get('/settings/profile', memberOnly, async (c) => {
    const [member] = await c.get('deps').db.select().from(members).where(eq(members.id, currentMember(c).id));
    const notice = c.req.query('notice') === 'saved' ? c.get('view').t.marketplace.profile.saved : null;
    return render(c, <ProfileEditPage v={c.get('view')} values={{ displayName: member.displayName, bio: member.bio, skills: member.skills }} notice={notice} />);
  });
  app.post('/settings/profile', memberOnly, async (c) => {
    const body = await c.req.parseBody();
    const strings = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const values = keepValues(strings, ['displayName', 'bio', 'skills']);
    const form = parseForm(profileForm, strings);
    if (!form.ok) return render(c, <ProfileEditPage v={c.get('view')} values={values} errors={form.errors} />, 422);
    const avatar = await uploadedFile(body.avatar);
    const problem = await updateProfile(c.get('deps'), currentMember(c).id, form.value, avatar?.bytes ?? null);
    if (problem) return render(c, <ProfileEditPage v={c.get('view')} values={values} errors={problem} />, 422);
    return c.redirect('/settings/profile?notice=saved', 303);
  });
  return app;
}
