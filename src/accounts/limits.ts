export const PASSWORD_MIN_SINGLE_FACTOR = 15;
export const PASSWORD_MIN_WITH_SECOND_FACTOR = 8;
// Far above the 64 that ASVS asks us to accept; a bound so one request cannot cost minutes of hashing.
export const PASSWORD_MAX = 256;
