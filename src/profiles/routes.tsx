import { eq, sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { displayNameField } from '../accounts/forms';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { field, keepValues, parseForm, textField } from '../platform/web/forms';
import { currentMember, memberOnly, render } from '../platform/web/http';
import { uploadedFile } from '../platform/web/uploadsInput';
import { openUpload } from '../platform/uploads';
import { members } from '../accounts/schema';
import {
  approveFollowRequest,
  follow,
  followCounts,
  followList,
  followRequestCount,
  followRequestsTo,
  followState,
  removeFollower,
  unfollow,
} from '../privacy/follows';
import { ratingOf, reviewsReceived } from '../marketplace/reviews';
import { servicesOfSeller } from '../marketplace/services/queries';
import { FollowListPage, FollowRequestsPage, ProfileClosedPage, ProfileEditPage, ProfilePage } from './pages';
import { updateProfile } from './profile';
import { detailsOf } from '../privacy/settings';
import { privacyOf } from '../privacy/choices';
import { followNeedsApproval, viewerKind, visibleFields } from '../privacy/visibility';
import { MessagePage } from '../platform/web/http';
import { shownAs } from './shownAs';
import { memberActionsFor } from './memberActions';
import { isHidden } from '../reports/rules';
import { inactiveBlocker } from '../accounts/activity';

const profileForm = {
  displayName: displayNameField,
  // Optional fields: a form that leaves one out means "empty".
  bio: textField(z.string().trim().max(2000).default('')),
  skills: textField(z.string().trim().max(300).default('')),
  realName: textField(z.string().trim().max(50).default('')),
  location: textField(z.string().trim().max(50).default('')),
  birthday: field(z.union([z.literal(''), z.iso.date()]).default(''), (t) => t.profiles.birthdayInvalid),
  website: field(
    z
      .union([
        z.literal(''),
        z
          .string()
          .trim()
          .max(200)
          .url()
          .refine((u) => /^https?:\/\//.test(u)),
      ])
      .default(''),
    (t) => t.profiles.websiteInvalid,
  ),
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
  const t = c.get('view').t.withdrawal;
  // The old address of a member who left says so, and nothing else (410 Gone).
  if (member.status === 'withdrawn')
    return render(c, <MessagePage c={c} title={t.withdrawnProfile} body="" noindex />, 410);
  if (member.status === 'paused') return render(c, <MessagePage c={c} title={t.pausedProfile} body="" noindex />, 404);
  if (member.status === 'suspended')
    return render(c, <MessagePage c={c} title={c.get('view').t.trust.suspendedProfile} body="" noindex />, 404);
  return member.status === 'active' ? null : notFoundPage(c);
}

/** What this viewer may see of this member, by the member's 公開設定 (one rule: visibleFields). */
async function visibilityFor(c: Context<AppEnv>, member: typeof members.$inferSelect) {
  const db = c.get('deps').db;
  const viewer = c.get('view').member;
  const follow = viewer ? await followState(db, viewer.id, member.id) : 'none';
  const choices = await privacyOf(db, member.id);
  // A request waiting for approval makes nobody a follower: only an approved follow counts.
  return {
    choices,
    follow,
    visible: visibleFields(viewerKind(viewer?.id ?? null, member.id, follow === 'following'), choices),
  };
}

function notPublicPage(c: Context<AppEnv>, noindex: boolean) {
  const v = c.get('view');
  return render(c, <MessagePage c={c} title={v.t.privacy.settings.profileHidden} body="" noindex={noindex} />, 403);
}

export function profileRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/users/:username', async (c) => {
    const member = await memberByUsername(c, c.req.param('username'));
    const hidden = profileHidden(c, member);
    if (hidden) return hidden;
    const deps = c.get('deps');
    const viewer = c.get('view').member;
    const { choices, follow: followed, visible } = await visibilityFor(c, member!);
    if (!visible.profile) {
      // Where following would open the profile, a member may ask (or cancel asking) from here.
      const mayAsk = viewer !== null && viewer.id !== member!.id && visibleFields('follower', choices).profile;
      return render(
        c,
        <ProfileClosedPage
          v={c.get('view')}
          username={member!.username}
          noindex={choices.noindex}
          follow={mayAsk ? followed : null}
        />,
        403,
      );
    }
    const details = await detailsOf(deps.db, member!.id);
    const reviews = await reviewsReceived(deps.db, { subjectId: member!.id });
    // A profile an operator hid after a report shows its name only: no text or picture of the member's own.
    const hiddenByOperator = await isHidden(deps.db, 'profile', member!.id);
    return render(
      c,
      <ProfilePage
        v={c.get('view')}
        actions={await memberActionsFor(c, member!)}
        p={{
          username: member!.username,
          displayName: member!.displayName,
          bio: hiddenByOperator ? '' : member!.bio,
          skills: hiddenByOperator ? '' : member!.skills,
          hasAvatar: member!.avatarPath !== null && !hiddenByOperator,
          memberId: member!.id,
          createdAt: member!.createdAt,
          rating: await ratingOf(deps.db, member!.id),
          follows: visible.follows ? await followCounts(deps.db, member!.id) : null,
          details: {
            realName: visible.realName ? details.realName : '',
            location: visible.location ? details.location : '',
            birthday: visible.birthday ? details.birthday : null,
            website: visible.website ? details.website : '',
          },
          noindex: choices.noindex,
          services: await servicesOfSeller(deps.db, member!.id, { own: false }),
          reviews: reviews.map((r) => ({
            ...r,
            authorName: shownAs({ status: r.authorStatus, displayName: r.authorName, username: r.authorUsername }).name,
            reportable: !!viewer && viewer.id !== r.authorId,
          })),
          viewer: {
            loggedIn: !!viewer,
            isSelf: viewer?.id === member!.id,
            follow: followed,
            needsApproval: followNeedsApproval(choices),
            requestCount: viewer?.id === member!.id ? await followRequestCount(deps.db, member!.id) : 0,
          },
        }}
      />,
    );
  });

  for (const direction of ['followers', 'following'] as const) {
    app.get(`/users/:username/${direction}`, async (c) => {
      const member = await memberByUsername(c, c.req.param('username'));
      const hidden = profileHidden(c, member);
      if (hidden) return hidden;
      const { choices, visible } = await visibilityFor(c, member!);
      if (!visible.follows) return notPublicPage(c, choices.noindex);
      const v = c.get('view');
      const db = c.get('deps').db;
      const t = v.t.profiles;
      const title =
        direction === 'followers' ? t.followersTitle(member!.displayName) : t.followingTitle(member!.displayName);
      const own =
        direction === 'followers' && v.member?.id === member!.id
          ? { requestCount: await followRequestCount(db, member!.id) }
          : null;
      const people = await followList(db, member!.id, direction, v.member?.id ?? null);
      const notice = c.req.query('notice') === 'removed' ? v.t.privacy.followRequests.removed : null;
      return render(c, <FollowListPage v={v} list={{ title, noindex: choices.noindex, people, own, notice }} />);
    });
  }

  for (const action of ['follow', 'unfollow'] as const) {
    app.post(`/users/:username/${action}`, memberOnly, async (c) => {
      const member = await memberByUsername(c, c.req.param('username'));
      if (!member) return notFoundPage(c);
      const inactive = action === 'follow' ? inactiveBlocker(currentMember(c)) : null;
      if (inactive) {
        const t = c.get('view').t;
        const back = { href: `/users/${member.username}`, label: member.displayName };
        return render(c, <MessagePage c={c} title={inactive(t)} body="" link={back} />, 422);
      }
      if (action === 'follow') await follow(c.get('deps'), currentMember(c).id, member.id);
      else await unfollow(c.get('deps'), currentMember(c).id, member.id);
      return c.redirect(`/users/${member.username}`, 303);
    });
  }

  // フォローリクエスト: the member answers the requests to follow them; no re-authentication, like answering a message.
  app.get('/settings/follow-requests', memberOnly, async (c) => {
    const t = c.get('view').t.privacy.followRequests;
    const notices = { approved: t.approved, declined: t.declined } as Record<string, string>;
    const requests = await followRequestsTo(c.get('deps').db, currentMember(c).id);
    return render(
      c,
      <FollowRequestsPage
        v={c.get('view')}
        requests={requests}
        notice={notices[c.req.query('notice') ?? ''] ?? null}
      />,
    );
  });
  for (const answer of ['approve', 'decline'] as const) {
    app.post(`/settings/follow-requests/:username/${answer}`, memberOnly, async (c) => {
      const requester = await memberByUsername(c, c.req.param('username'));
      if (!requester) return notFoundPage(c);
      if (answer === 'approve') await approveFollowRequest(c.get('deps'), currentMember(c).id, requester.id);
      else await removeFollower(c.get('deps'), currentMember(c).id, requester.id);
      return c.redirect(`/settings/follow-requests?notice=${answer === 'approve' ? 'approved' : 'declined'}`, 303);
    });
  }
  app.post('/settings/followers/:username/remove', memberOnly, async (c) => {
    const follower = await memberByUsername(c, c.req.param('username'));
    if (!follower) return notFoundPage(c);
    await removeFollower(c.get('deps'), currentMember(c).id, follower.id);
    return c.redirect(`/users/${currentMember(c).username}/followers?notice=removed`, 303);
  });

  app.get('/avatars/:memberId', async (c) => {
    const id = c.req.param('memberId');
    if (!z.string().uuid().safeParse(id).success) return notFoundPage(c);
    const [member] = await c.get('deps').db.select().from(members).where(eq(members.id, id));
    if (!member?.avatarPath || member.status !== 'active') return notFoundPage(c);
    // The picture is part of the profile: whoever may not see the profile gets the same 404 as for no picture.
    if (!(await visibilityFor(c, member)).visible.profile) return notFoundPage(c);
    // A profile an operator hid shows no picture of the member's own to others, at its address too (the owner still sees it).
    const isOwner = c.get('view').member?.id === member.id;
    if (!isOwner && (await isHidden(c.get('deps').db, 'profile', member.id))) return notFoundPage(c);
    const file = await openUpload(c.get('deps').files, member.avatarPath);
    if (!file) return notFoundPage(c);
    return c.body(file.stream, 200, { 'Content-Type': file.mime, 'Cache-Control': 'private, max-age=300' });
  });

  app.get('/settings/profile', memberOnly, async (c) => {
    const [member] = await c
      .get('deps')
      .db.select()
      .from(members)
      .where(eq(members.id, currentMember(c).id));
    const details = await detailsOf(c.get('deps').db, member.id);
    const notice = c.req.query('notice') === 'saved' ? c.get('view').t.profiles.saved : null;
    const values = {
      displayName: member.displayName,
      bio: member.bio,
      skills: member.skills,
      ...details,
      birthday: details.birthday ?? '',
    };
    return render(c, <ProfileEditPage v={c.get('view')} values={values} notice={notice} />);
  });
  app.post('/settings/profile', memberOnly, async (c) => {
    const body = await c.req.parseBody();
    const strings = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<
      string,
      string
    >;
    const values = keepValues(strings, ['displayName', 'bio', 'skills', 'realName', 'location', 'birthday', 'website']);
    const form = parseForm(profileForm, strings);
    if (!form.ok) return render(c, <ProfileEditPage v={c.get('view')} values={values} errors={form.errors} />, 422);
    const avatar = await uploadedFile(body.avatar);
    const { realName, location, birthday, website, ...profile } = form.value;
    const problem = await updateProfile(
      c.get('deps'),
      currentMember(c).id,
      profile,
      { realName, location, birthday: birthday || null, website },
      avatar?.bytes ?? null,
    );
    if (problem) return render(c, <ProfileEditPage v={c.get('view')} values={values} errors={problem} />, 422);
    return c.redirect('/settings/profile?notice=saved', 303);
  });
  return app;
}
