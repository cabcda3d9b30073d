import type { Locale } from '../platform/i18n';
import type { RequestOrigin } from './sessions';

/** Who is asking and from where: what commands need of the request, without knowing about HTTP. */
export type ActionContext = { origin: RequestOrigin; locale: Locale };

export type Result<T, E> = ({ ok: true } & T) | ({ ok: false } & E);
