import type { Locale } from '../platform/i18n';
import type { ViewContext } from '../platform/web/env';
import { Layout } from '../platform/web/layout';
import { periodWords, spanWords, type Periods, type RetentionPeriod } from '../retention/periods';
import type { DataCategoryKey } from './categoryTypes';
import { dataCategories } from './dataCategories';

type When = 'atOnce' | 'minutes' | RetentionPeriod;

/** When each category (or part of one) goes after 退会; the same fates dataCategories says in words. */
const fates: { category: DataCategoryKey; when: When; part?: Record<Locale, string> }[] = [
  { category: 'sessions', when: 'atOnce', part: { ja: 'ログイン（すべての端末）', en: 'logins on every device' } },
  { category: 'factors', when: 'atOnce' },
  { category: 'phone', when: 'atOnce', part: { ja: '電話番号と確認コード', en: 'number and codes' } },
  { category: 'sns', when: 'atOnce' },
  { category: 'identitySignals', when: 'atOnce', part: { ja: 'IPアドレス以外', en: 'all but IP addresses' } },
  { category: 'money', when: 'atOnce', part: { ja: '振込先口座', en: 'payout bank account' } },
  { category: 'profile', when: 'minutes' },
  { category: 'sessions', when: 'minutes', part: { ja: 'ブラウザの識別子', en: 'browser identifiers' } },
  { category: 'trading', when: 'minutes', part: { ja: 'サービスの画像とフォロー', en: 'service images and follows' } },
  { category: 'exports', when: 'minutes' },
  { category: 'favorites', when: 'minutes' },
  { category: 'blocks', when: 'minutes' },
  { category: 'notifications', when: 'minutes' },
  {
    category: 'account',
    when: 'accountAfterWithdrawalDays',
    part: { ja: 'メールアドレスとパスワード', en: 'email address and password' },
  },
  { category: 'suspensions', when: 'accountAfterWithdrawalDays', part: { ja: '利用停止の記録', en: 'suspensions' } },
  { category: 'phone', when: 'smsOutboxDays', part: { ja: 'SMSの控え', en: 'copies of texts' } },
  { category: 'identitySignals', when: 'identitySignalIpDays', part: { ja: 'IPアドレス', en: 'IP addresses' } },
  { category: 'mail', when: 'mailOutboxDays' },
  { category: 'securityLog', when: 'securityLogDays' },
  {
    category: 'messages',
    when: 'directMessagesAfterWithdrawalDays',
    part: { ja: '見積もり相談と見積り提案', en: 'direct messages and offers' },
  },
  {
    category: 'trading',
    when: 'directMessagesAfterWithdrawalDays',
    part: { ja: '公開依頼と提案', en: 'job requests and proposals' },
  },
  { category: 'suspensions', when: 'operatorActionsDays', part: { ja: '運営の操作', en: 'operator actions' } },
  { category: 'inquiries', when: 'inquiriesDays' },
  { category: 'reports', when: 'reportsDecidedDays' },
  { category: 'consents', when: 'consentsAfterWithdrawalDays' },
  { category: 'banned', when: 'bannedIdentityYears' },
  { category: 'trading', when: 'transactionYears', part: { ja: '取引と評価', en: 'orders and reviews' } },
  { category: 'messages', when: 'transactionYears', part: { ja: '取引メッセージ', en: 'order messages' } },
  { category: 'money', when: 'transactionYears', part: { ja: '取引・支払い・振込の記録', en: 'payments and payouts' } },
];

/** How far from 退会 a fate is, to put the stages in order (the tax period is counted as its years). */
function daysOf(when: When, p: Periods): number {
  if (when === 'atOnce') return 0;
  if (when === 'minutes') return 0.001;
  return when.endsWith('Years') ? p[when] * 365 : p[when];
}

export type TimelineStage = { when: When; days: number; items: string[] };

export function timelineStages(locale: Locale, p: Periods): TimelineStage[] {
  const stages = new Map<number, TimelineStage>();
  for (const fate of fates) {
    const days = daysOf(fate.when, p);
    const name = dataCategories.find((c) => c.key === fate.category)!.name[locale];
    const item = !fate.part ? name : locale === 'ja' ? `${name}（${fate.part.ja}）` : `${name} (${fate.part.en})`;
    const stage = stages.get(days) ?? { when: fate.when, days, items: [] };
    stage.items.push(item);
    stages.set(days, stage);
  }
  return [...stages.values()].sort((a, b) => a.days - b.days);
}

/** /privacy/retention: the stages drawn as a vertical line of dots, in HTML and CSS only. */
export function RetentionTimelinePage({ v, periods }: { v: ViewContext; periods: Periods }) {
  const t = v.t.privacy.timeline;
  const words = periodWords(v.locale, periods);
  const label = (stage: TimelineStage) =>
    stage.when === 'atOnce'
      ? t.atOnce
      : stage.when === 'minutes'
        ? t.minutes
        : stage.when === 'transactionYears'
          ? t.transactions(words.transactionYears, words.taxPeriodStartMonths, words.fiscalYearEndMonth)
          : t.after(stage.when.endsWith('Years') ? words[stage.when] : spanWords(v.locale, stage.days));
  return (
    <Layout v={v} title={t.title}>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <ol class="timeline" data-testid="timeline">
        {timelineStages(v.locale, periods).map((stage) => (
          <li>
            <h2 class="text-base mt-0 mb-1">{label(stage)}</h2>
            <ul class="small">
              {stage.items.map((item) => (
                <li>{item}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <p>
        <a href="/privacy">{t.back}</a>
      </p>
    </Layout>
  );
}
