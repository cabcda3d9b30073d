// What every layer knows of an account: its role, and where it is in its lifecycle (休止, 退会, 利用停止).
export const memberStatuses = ['active', 'paused', 'withdrawn', 'suspended'] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export const memberRoles = ['member', 'operator'] as const;
export type MemberRole = (typeof memberRoles)[number];
