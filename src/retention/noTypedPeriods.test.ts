import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../platform/i18n';
import { dataCategories, afterWithdrawalText } from '../privacy/dataCategories';
import { periodsOf, retention } from './periods';

/** Every file a person's words come from: dictionaries, data categories, help, export README, mails and pages. */
function textFiles(dir = 'src'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return textFiles(path);
    if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) return [];
    const words =
      /(strings|mails|articles|readme|dataCategories|socialDataCategories|dictionary)\.ts$/.test(name) ||
      name.endsWith('.tsx');
    return words ? [path] : [];
  });
}

// A number written next to a unit of time, in either language: "30日間", "1年で", "7 years", "two months".
const typedSpan =
  /[0-9０-９一二三四五六七八九十百]+\s*(日間|日で|日後|日まで|年間|年で|年後|年分|か月|ヶ月|カ月)|\b([0-9]+|one|two|three|seven|ten|a)\s+(days?|years?|months?)\b/;

// Numbers of time that are not retention periods, each with what it is (they come from settings or rules elsewhere).
const notRetention = [
  '12か月', // the seller figures chart window (trading/figures.ts)
  '12 months', // the same, in English
  '180 days by default', // the security check-up reminder interval (CHECKUP_REMINDER_DAYS)
  'within 90 days from today', // the latest deadline a job request may set (trading rules)
];

describe('no retention period is typed into text', () => {
  it('finds no number of days, months or years written in any dictionary, mail, help article or page', () => {
    const hits: string[] = [];
    for (const file of textFiles()) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.trim();
          if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
          const cleaned = notRetention.reduce((l, allowed) => l.replaceAll(allowed, ''), line);
          if (typedSpan.test(cleaned)) hits.push(`${file}:${i + 1}: ${code.slice(0, 120)}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it('renders each category from the periods in force: other periods, other words', () => {
    const odd = Object.fromEntries(
      Object.entries(retention).map(([k, v]) => [k, k === 'fiscalYearEndMonth' ? v : v + 11]),
    ) as unknown as ReturnType<typeof periodsOf>;
    for (const locale of locales) {
      for (const category of dataCategories) {
        const usual = afterWithdrawalText(category, locale, retention);
        const changed = afterWithdrawalText(category, locale, odd);
        // A text that names a period changes with it; one that names none stays the same.
        if (/[0-9]/.test(usual)) expect(changed, `${category.key} ${locale}`).not.toEqual(usual);
        expect(changed).not.toMatch(/undefined|NaN/);
      }
    }
  });
});
