// What one message may hold. The composer's hints are written from these.
export const MESSAGE_MAX_CHARS = 2000;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
