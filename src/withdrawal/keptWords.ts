import type { Locale } from '../platform/i18n';
import { japanDate } from '../platform/i18n/dates';
import type { DataCategory } from '../privacy/categoryTypes';
import { dataCategories } from '../privacy/dataCategories';
import type { KeptLine } from '../retention/memberDates';
import { withdrawalStrings } from './strings';

export function categoryOf(line: KeptLine): DataCategory {
  return dataCategories.find((c) => c.key === line.category)!;
}

/** "取引と出品（2026年度分）: 2034年5月31日まで保存" / "メールアドレスとパスワード: 2027年1月1日に削除", in Japan time. */
export function keptLineText(locale: Locale, line: KeptLine): string {
  const t = withdrawalStrings[locale].kept;
  const part = line.part ?? (line.category === 'account' ? 'emailAndPassword' : undefined);
  const name = part ? t.parts[part] : categoryOf(line).name[locale];
  const label = line.fiscalYear === undefined ? name : t.fiscalYear(name, line.fiscalYear);
  return t[line.fate](label, japanDate(locale, line.at));
}

/** The same line for the completion mail: the date first, then what it holds and why it is kept. */
export function keptMailLine(locale: Locale, line: KeptLine): string {
  const category = categoryOf(line);
  return withdrawalStrings[locale].kept.mailLine(
    keptLineText(locale, line),
    category.holds[locale],
    category.keptBecause?.[locale] ?? category.purpose[locale],
  );
}
