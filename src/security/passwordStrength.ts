import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as ja from '@zxcvbn-ts/language-ja';
import type { Locale } from '../platform/i18n';

type Checker = { factory: Record<Locale, ZxcvbnFactory>; blocklist: Set<string> };
let checker: Checker | null = null;

/**
 * Breached and common passwords plus common words (ASVS 6.2.4/6.2.11), from zxcvbn's packages:
 * well over 100,000 entries. Built once, on first use.
 */
function load(): Checker {
  if (checker) return checker;
  const dictionary = { ...common.dictionary, ...en.dictionary, ...ja.dictionary };
  const blocklist = new Set<string>();
  for (const words of Object.values(dictionary))
    for (const word of words as (string | number)[]) blocklist.add(String(word).toLowerCase());
  const options = { dictionary, graphs: common.adjacencyGraphs };
  checker = {
    blocklist,
    factory: {
      ja: new ZxcvbnFactory({ ...options, translations: ja.translations }),
      en: new ZxcvbnFactory({ ...options, translations: en.translations }),
    },
  };
  return checker;
}

export function blocklistSize(): number {
  return load().blocklist.size;
}

export type Strength = { score: 0 | 1 | 2 | 3 | 4; warning: string | null; suggestions: string[]; blocked: boolean };

/** How guessable a password is, with zxcvbn's advice in the member's language. */
export function passwordStrength(password: string, userInputs: string[], locale: Locale): Strength {
  const { factory, blocklist } = load();
  const blocked = blocklist.has(password.toLowerCase().normalize('NFKC'));
  const result = factory[locale].check(password.slice(0, 100), userInputs);
  return {
    score: result.score,
    warning: result.feedback.warning ?? null,
    suggestions: result.feedback.suggestions,
    blocked,
  };
}

/** Refused: on the blocklist, or so guessable that zxcvbn scores it 0 or 1 (repeats, keyboard rows, common phrases). */
export function isTooGuessable(strength: Strength): boolean {
  return strength.blocked || strength.score < 2;
}
