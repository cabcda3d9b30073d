import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../platform/web/forms';
import type { ViewContext } from '../platform/web/env';
import { CsrfField, Field, FormErrorSummary, Layout, Notice } from '../platform/web/layout';
import { ReviewList, type ReviewItem } from '../marketplace/pages/components';
import { ServiceCards } from '../marketplace/pages/serviceCards';
import { formatDate } from '../platform/web/dates';
import type { ServiceCard } from '../marketplace/services/queries';
import type { FollowState } from '../privacy/follows';

export type ProfileData = {
  username: string;
  displayName: string;
  bio: string;
  skills: string;
  hasAvatar: boolean;
  memberId: string;
  createdAt: Date;
  rating: { average: number | null; count: number };
  follows: { followers: number; following: number } | null;
  details: { realName: string; location: string; birthday: string | null; website: string };
  noindex: boolean;
  services: ServiceCard[];
  reviews: ReviewItem[];
  viewer: { isSelf: boolean; follow: FollowState; needsApproval: boolean; loggedIn: boolean; requestCount: number };
};

/** actions: the viewer's own buttons about this member (お気に入り, ブロック, 通報), made by those features. */
export function ProfilePage({ v, p, actions }: { v: ViewContext; p: ProfileData; actions?: Child }) {
  const t = v.t.marketplace;
  return (
    <Layout v={v} title={p.displayName} noindex={p.noindex}>
      <section class="card cluster start">
        <img
          src={p.hasAvatar ? `/avatars/${p.memberId}` : '/static/avatar.svg'}
          alt=""
          width="96"
          height="96"
          class="avatar"
        />
        <div class="grow">
          <h1 class="m-0">{p.displayName}</h1>
          <p class="small muted m-0">
            @{p.username} · {v.t.profiles.memberSince(formatDate(v, p.createdAt))}
          </p>
          <p>
            {v.t.profiles.rating}:{' '}
            {p.rating.average !== null ? t.search.rating(p.rating.average, p.rating.count) : t.search.ratingNone}
            {p.follows ? (
              <>
                {' '}
                · <a href={`/users/${p.username}/followers`}>{v.t.profiles.followers(p.follows.followers)}</a> ·{' '}
                <a href={`/users/${p.username}/following`}>{v.t.profiles.following(p.follows.following)}</a>
              </>
            ) : null}
          </p>
          <ProfileDetails v={v} d={p.details} />
          {p.viewer.isSelf && p.viewer.requestCount > 0 ? (
            <p>
              <a href="/settings/follow-requests">{v.t.privacy.followRequests.link(p.viewer.requestCount)}</a>
            </p>
          ) : null}
          {p.viewer.loggedIn && !p.viewer.isSelf ? (
            <div class="cluster">
              <FollowButton v={v} username={p.username} state={p.viewer.follow} />
              <form method="post" action="/messages/start">
                <CsrfField v={v} />
                <input type="hidden" name="to" value={p.username} />
                <button type="submit" class="secondary">
                  {v.t.profiles.message}
                </button>
              </form>
            </div>
          ) : null}
          {actions}
          {p.viewer.loggedIn && !p.viewer.isSelf && p.viewer.follow === 'none' && p.viewer.needsApproval ? (
            <p class="hint">{v.t.privacy.followRequests.approvalHint}</p>
          ) : null}
        </div>
      </section>
      {p.bio ? (
        <section class="card">
          <h2>{v.t.profiles.bio}</h2>
          <div class="pre">{p.bio}</div>
        </section>
      ) : null}
      {p.skills ? (
        <section class="card">
          <h2>{v.t.profiles.skills}</h2>
          <p>{p.skills}</p>
        </section>
      ) : null}
      <h2>{v.t.profiles.services}</h2>
      <ServiceCards v={v} items={p.services} />
      <section class="card">
        <h2>{v.t.profiles.reviews}</h2>
        <ReviewList v={v} reviews={p.reviews} />
      </section>
    </Layout>
  );
}

/** フォローする / リクエスト中・取り消す / フォロー中・フォローをやめる. */
function FollowButton({ v, username, state }: { v: ViewContext; username: string; state: FollowState }) {
  const t = v.t.privacy.followRequests;
  return (
    <form method="post" action={`/users/${username}/${state === 'none' ? 'follow' : 'unfollow'}`} class="cluster">
      <CsrfField v={v} />
      {state === 'requested' ? <span class="small muted">{t.requested}</span> : null}
      {state === 'following' ? <span class="small muted">{t.following}</span> : null}
      <button type="submit" class="secondary" data-testid="follow-button">
        {state === 'none' ? v.t.profiles.follow : state === 'requested' ? t.cancel : v.t.profiles.unfollow}
      </button>
    </form>
  );
}

/** A profile this viewer may not see. When only followers may, a member can ask to follow from here. */
export function ProfileClosedPage({
  v,
  username,
  noindex,
  follow,
}: {
  v: ViewContext;
  username: string;
  noindex: boolean;
  follow: FollowState | null;
}) {
  const t = v.t.privacy;
  return (
    <Layout v={v} title={t.settings.profileHidden} noindex={noindex}>
      <section class="card narrow">
        <h1>{t.settings.profileHidden}</h1>
        {follow ? (
          <>
            <p>{t.followRequests.followersOnlyProfile}</p>
            <FollowButton v={v} username={username} state={follow} />
          </>
        ) : null}
      </section>
    </Layout>
  );
}

export type FollowListData = {
  title: string;
  noindex: boolean;
  people: { username: string; displayName: string }[];
  // Set when the member looks at their own followers: they may remove one, and see their requests.
  own: { requestCount: number } | null;
  notice?: string | null;
};

export function FollowListPage({ v, list }: { v: ViewContext; list: FollowListData }) {
  const t = v.t.privacy.followRequests;
  return (
    <Layout v={v} title={list.title} noindex={list.noindex}>
      <h1>{list.title}</h1>
      <Notice text={list.notice} />
      {list.own && list.own.requestCount > 0 ? (
        <p>
          <a href="/settings/follow-requests">{t.link(list.own.requestCount)}</a>
        </p>
      ) : null}
      {list.people.length === 0 ? <p>{v.t.profiles.none}</p> : null}
      <ul class="plain">
        {list.people.map((p) => (
          <li class="card cluster">
            <span class="grow">
              <a href={`/users/${p.username}`}>{p.displayName}</a> <span class="small muted">@{p.username}</span>
            </span>
            {list.own ? (
              <form method="post" action={`/settings/followers/${p.username}/remove`}>
                <CsrfField v={v} />
                <button type="submit" class="secondary">
                  {t.remove}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export type FollowRequestItem = { username: string; displayName: string; createdAt: Date };

export function FollowRequestsPage({
  v,
  requests,
  notice,
}: {
  v: ViewContext;
  requests: FollowRequestItem[];
  notice?: string | null;
}) {
  const t = v.t.privacy.followRequests;
  return (
    <Layout v={v} title={t.title} noindex>
      <section class="card narrow">
        <h1>
          {t.title} <span data-testid="request-count">({requests.length})</span>
        </h1>
        <Notice text={notice} />
        <p>{t.lead}</p>
        {requests.length === 0 ? <p>{t.none}</p> : null}
        <ul class="plain">
          {requests.map((r) => (
            <li class="cluster row">
              <span class="grow">
                <a href={`/users/${r.username}`}>{r.displayName}</a>{' '}
                <span class="small muted">
                  @{r.username} · {t.since(formatDate(v, r.createdAt))}
                </span>
              </span>
              <form method="post" action={`/settings/follow-requests/${r.username}/approve`}>
                <CsrfField v={v} />
                <button type="submit">{t.approve}</button>
              </form>
              <form method="post" action={`/settings/follow-requests/${r.username}/decline`}>
                <CsrfField v={v} />
                <button type="submit" class="secondary">
                  {t.decline}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

export type ProfileFormValues = {
  displayName?: string;
  bio?: string;
  skills?: string;
  realName?: string;
  location?: string;
  birthday?: string;
  website?: string;
};

export function ProfileEditPage({
  v,
  values,
  errors = {},
  notice,
}: {
  v: ViewContext;
  values: ProfileFormValues;
  errors?: FieldErrors<'displayName' | 'bio' | 'skills' | 'avatar' | 'realName' | 'location' | 'birthday' | 'website'>;
  notice?: string | null;
}) {
  const t = v.t.profiles;
  return (
    <Layout v={v} title={t.editTitle} noindex>
      <section class="card narrow">
        <h1>{t.editTitle}</h1>
        <Notice text={notice} />
        <FormErrorSummary v={v} show={Object.keys(errors).length > 0} />
        <form method="post" action="/settings/profile" enctype="multipart/form-data" novalidate>
          <CsrfField v={v} />
          <Field
            v={v}
            name="displayName"
            label={v.t.accounts.fields.displayName}
            value={values.displayName}
            error={errors.displayName?.(v.t)}
            required
            maxlength={40}
          />
          <Field
            v={v}
            name="bio"
            label={t.bio}
            value={values.bio}
            error={errors.bio?.(v.t)}
            maxlength={2000}
            multiline
          />
          <Field
            v={v}
            name="skills"
            label={t.skills}
            value={values.skills}
            error={errors.skills?.(v.t)}
            maxlength={300}
          />
          <p class="hint">{t.detailsHint}</p>
          <Field
            v={v}
            name="realName"
            label={v.t.privacy.settings.fields.realName}
            value={values.realName}
            error={errors.realName?.(v.t)}
            maxlength={50}
            autocomplete="name"
          />
          <Field
            v={v}
            name="location"
            label={v.t.privacy.settings.fields.location}
            value={values.location}
            error={errors.location?.(v.t)}
            maxlength={50}
          />
          <Field
            v={v}
            name="birthday"
            type="date"
            label={v.t.privacy.settings.fields.birthday}
            value={values.birthday}
            error={errors.birthday?.(v.t)}
          />
          <Field
            v={v}
            name="website"
            type="url"
            label={v.t.privacy.settings.fields.website}
            value={values.website}
            error={errors.website?.(v.t)}
            maxlength={200}
          />
          <label for="f-avatar">{t.avatar}</label>
          <p class="hint">{t.avatarHint}</p>
          <input
            id="f-avatar"
            type="file"
            name="avatar"
            accept="image/png,image/jpeg,image/webp"
            aria-invalid={errors.avatar ? 'true' : undefined}
          />
          {errors.avatar ? (
            <p class="field-error" role="alert">
              {errors.avatar(v.t)}
            </p>
          ) : null}
          <button type="submit">{t.save}</button>
        </form>
      </section>
    </Layout>
  );
}

function ProfileDetails({ v, d }: { v: ViewContext; d: ProfileData['details'] }) {
  const f = v.t.privacy.settings.fields;
  const rows = [
    [f.realName, d.realName],
    [f.location, d.location],
    [f.birthday, d.birthday ?? ''],
  ].filter(([, value]) => value);
  if (rows.length === 0 && !d.website) return null;
  return (
    <dl class="small" data-testid="profile-details">
      {rows.map(([label, value]) => (
        <>
          <dt class="inline strong">{label}: </dt>
          <dd class="inline m-0 mr-3">{value}</dd>
        </>
      ))}
      {d.website ? (
        <>
          <dt class="inline strong">{f.website}: </dt>
          <dd class="inline m-0">
            <a href={d.website} rel="nofollow noopener ugc">
              {d.website}
            </a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
