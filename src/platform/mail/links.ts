/**
 * Every address a mail links to, in one place, built from BASE_URL: never from a request's Host header,
 * which a visitor can forge (a reset link pointing at someone else's site).
 */
export function mailLinks(baseUrl: string) {
  const at = (path: string) => `${baseUrl}${path}`;
  return {
    login: at('/login'),
    passwordReset: at('/password/reset'),
    passwordResetConfirm: (token: string) => at(`/password/reset/confirm?token=${token}`),
    verifyEmail: (token: string) => at(`/verify-email?token=${token}`),
    confirmEmailChange: (token: string) => at(`/settings/account/email/confirm?token=${token}`),
    unlock: (token: string) => at(`/login/unlock?token=${token}`),
    endSession: (token: string) => at(`/sessions/end?token=${token}`),
    account: at('/settings/account'),
    security: at('/settings/security'),
    passkeys: at('/settings/security#passkeys'),
    checkup: at('/settings/security/checkup'),
    exportPage: at('/settings/export'),
    followRequests: at('/settings/follow-requests'),
    payouts: at('/mypage/payouts'),
    inquiry: (reference: string) => at(`/mypage/inquiries/${reference}`),
    order: (orderId: string) => at(`/orders/${orderId}`),
    room: (roomId: string) => at(`/messages/${roomId}`),
    support: at('/support'),
    suspensionAppeal: at('/support?category=suspension_appeal'),
  };
}
