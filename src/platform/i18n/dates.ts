import type { Locale } from './index';

// Every date and time a person reads (pages, mails, export README) is in Japan time, whatever the server's zone.
function japanParts(date: Date) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    year: get('year'),
    month: Number(get('month')),
    day: Number(get('day')),
    time: `${get('hour')}:${get('minute')}`,
  };
}

const englishMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2034年5月31日" / "31 May 2034" (Japan time). */
export function japanDate(locale: Locale, date: Date): string {
  const d = japanParts(date);
  return locale === 'ja' ? `${d.year}年${d.month}月${d.day}日` : `${d.day} ${englishMonths[d.month - 1]} ${d.year}`;
}

/** "2026年12月2日 04:12（日本時間）" / "2 Dec 2026, 04:12 JST": the one way mails and the export say a moment. */
export function japanDateTime(locale: Locale, date: Date): string {
  const d = japanParts(date);
  return locale === 'ja'
    ? `${japanDate(locale, date)} ${d.time}（日本時間）`
    : `${japanDate(locale, date)}, ${d.time} JST`;
}

/** "2026-12-02T04:12:56+09:00": a moment in files (the export), ISO 8601 in Japan time, readable by programs too. */
export function japanIso(date: Date): string {
  const shifted = new Date(date.getTime() + 9 * 3600_000).toISOString();
  return `${shifted.slice(0, 19)}+09:00`;
}
