/** The privacy policy's revision (改定日), recorded with every consent. Change it when the policy's wording changes. */
export const PRIVACY_POLICY_REVISION = '2026-01-01';
