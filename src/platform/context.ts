import type { Locale } from './i18n';

/** Where a request came from, as logged and shown in the sessions list and security history. */
export type RequestOrigin = { ip: string | null; userAgent: string | null };

/** Who is asking and from where: what commands need of the request, without knowing about HTTP. */
export type ActionContext = { origin: RequestOrigin; locale: Locale };

/** A command's answer: what it made, or why not (a rule failure is a value, never a throw). */
export type Result<T, E> = ({ ok: true } & T) | ({ ok: false } & E);
