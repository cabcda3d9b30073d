import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as ja from '@zxcvbn-ts/language-ja';
import type { Locale } from '../platform/i18n';

/**
 * The estimator's work grows steeply with length and with leet substitutions (256 digits took 2.4 s
 * of the main thread). So it reads the first ESTIMATE_CHARS characters and tries no substitutions:
 * a few milliseconds whatever is sent. A leet-spelled common password is still caught, by looking
 * its plain spelling up in the blocklist.
 */
export const ESTIMATE_CHARS = 24;
const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
};

const translations = { ja: ja.translations, en: en.translations };
type Translations = typeof ja.translations;
type WarningKey = keyof Translations['warnings'];
type SuggestionKey = keyof Translations['suggestions'];

type Checker = { factory: ZxcvbnFactory; blocklist: Set<string> };
let checker: Checker | null = null;

const asKeys = <T extends Record<string, unknown>>(words: T) =>
  Object.fromEntries(Object.keys(words).map((key) => [key, key])) as Record<keyof T, string>;

/**
 * Breached and common passwords plus common words (ASVS 6.2.4/6.2.11), from zxcvbn's packages:
 * well over 100,000 entries. Built once, on first use. The estimator answers in translation keys, so
 * one estimate serves both languages.
 */
function load(): Checker {
  if (checker) return checker;
  const dictionary = { ...common.dictionary, ...en.dictionary, ...ja.dictionary };
  const blocklist = new Set<string>();
  for (const words of Object.values(dictionary))
    for (const word of words as (string | number)[]) blocklist.add(String(word).toLowerCase());
  checker = {
    blocklist,
    factory: new ZxcvbnFactory({
      dictionary,
      graphs: common.adjacencyGraphs,
      translations: {
        ...ja.translations,
        warnings: asKeys(ja.translations.warnings),
        suggestions: asKeys(ja.translations.suggestions),
      },
      maxLength: ESTIMATE_CHARS,
      l33tMaxSubstitutions: 0,
    }),
  };
  return checker;
}

export function blocklistSize(): number {
  return load().blocklist.size;
}

/** One estimate, in words for either language. */
export type Estimate = {
  score: 0 | 1 | 2 | 3 | 4;
  blocked: boolean;
  warning: (locale: Locale) => string | null;
  suggestions: (locale: Locale) => string[];
};

export function estimateStrength(password: string, userInputs: string[]): Estimate {
  const { factory, blocklist } = load();
  const plain = password.toLowerCase().normalize('NFKC');
  const blocked = blocklist.has(plain) || blocklist.has([...plain].map((ch) => LEET[ch] ?? ch).join(''));
  const result = factory.check(password.slice(0, ESTIMATE_CHARS), userInputs);
  const warningKey = result.feedback.warning as WarningKey | null;
  const suggestionKeys = result.feedback.suggestions as SuggestionKey[];
  return {
    score: result.score,
    blocked,
    warning: (locale) => (warningKey ? translations[locale].warnings[warningKey] : null),
    suggestions: (locale) => suggestionKeys.map((key) => translations[locale].suggestions[key]),
  };
}

export type Strength = { score: 0 | 1 | 2 | 3 | 4; warning: string | null; suggestions: string[]; blocked: boolean };

/** How guessable a password is, with zxcvbn's advice in the member's language. */
export function passwordStrength(password: string, userInputs: string[], locale: Locale): Strength {
  const estimate = estimateStrength(password, userInputs);
  return {
    score: estimate.score,
    warning: estimate.warning(locale),
    suggestions: estimate.suggestions(locale),
    blocked: estimate.blocked,
  };
}

/** Refused: on the blocklist, or so guessable that zxcvbn scores it 0 or 1 (repeats, keyboard rows, common phrases). */
export function isTooGuessable(strength: Pick<Strength, 'blocked' | 'score'>): boolean {
  return strength.blocked || strength.score < 2;
}
