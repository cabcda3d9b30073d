import type { Audience, DmPolicy } from './schema';

export type ViewerKind = 'self' | 'follower' | 'member' | 'visitor';
export const detailFields = ['realName', 'location', 'birthday', 'website', 'follows'] as const;
export type DetailField = (typeof detailFields)[number];

export type PrivacyChoices = { profile: Audience; noindex: boolean; directMessages: DmPolicy } & Record<
  DetailField,
  Audience
>;

export const defaultPrivacy: PrivacyChoices = {
  profile: 'public',
  realName: 'private',
  location: 'private',
  birthday: 'private',
  website: 'public',
  follows: 'public',
  noindex: false,
  directMessages: 'everyone',
};

/** Who is looking, relative to the member shown. */
export function viewerKind(viewerId: string | null, memberId: string, viewerFollows: boolean): ViewerKind {
  if (viewerId === null) return 'visitor';
  if (viewerId === memberId) return 'self';
  return viewerFollows ? 'follower' : 'member';
}

const reaches: Record<Audience, ViewerKind[]> = {
  public: ['visitor', 'member', 'follower', 'self'],
  members: ['member', 'follower', 'self'],
  followers: ['follower', 'self'],
  private: ['self'],
};

/** The one rule for what a viewer sees of a member: the profile at all, then each detail within it. */
export function visibleFields(
  viewer: ViewerKind,
  choices: PrivacyChoices,
): { profile: boolean } & Record<DetailField, boolean> {
  const profile = reaches[choices.profile].includes(viewer);
  const fields = Object.fromEntries(
    detailFields.map((f) => [f, profile && reaches[choices[f]].includes(viewer)]),
  ) as Record<DetailField, boolean>;
  return { profile, ...fields };
}

/**
 * The one rule for whether a follow needs the member's approval (フォローリクエスト): exactly when being a
 * follower would show more than being a member, so "followers only" means people the member let in.
 */
export function followNeedsApproval(choices: PrivacyChoices): boolean {
  return choices.profile === 'followers' || detailFields.some((f) => choices[f] === 'followers');
}

/** The one rule for who may start or continue a direct conversation with a member. */
export function mayMessage(policy: DmPolicy, haveTraded: boolean): boolean {
  return policy === 'everyone' || (policy === 'traded' && haveTraded);
}
