// プロフィール画像: what a picture may be. The hints and errors on the page are written from these.
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_MAX_PIXELS = 2000;
