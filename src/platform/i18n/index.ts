export const locales = ['ja', 'en'] as const;
export type Locale = (typeof locales)[number];

/**
 * Every feature's strings under the feature's name, in one language. Platform knows only its shape's
 * name: src/dictionary.ts fills it in (declaration merging), so plumbing never imports a feature.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Dictionary {}

/** A message chosen by domain code and put into words by the page, in the reader's language. */
export type Message = (t: Dictionary) => string;

/** Japanese literals widened to plain strings (and functions), the shape every translation must match. */
export type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

/**
 * Declares one feature's strings. English must have exactly the keys Japanese has:
 * a missing translation is a type error, never a blank on screen.
 */
export function defineStrings<T>(strings: { ja: T; en: Widen<T> }): Record<Locale, Widen<T>> {
  return strings as Record<Locale, Widen<T>>;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}

/** Cookie first (the member's own choice), then the browser's Accept-Language, then Japanese. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { lang: tag.slice(0, 2).toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((x) => isLocale(x.lang) && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Locale | undefined) ?? 'ja';
}
