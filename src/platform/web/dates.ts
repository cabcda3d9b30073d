import type { ViewContext } from './env';

// Every date a person reads is in Japan time, whatever the server's zone.
export function formatDate(v: ViewContext, date: Date): string {
  return date.toLocaleDateString(v.locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

export function formatDateTime(v: ViewContext, date: Date): string {
  return date.toLocaleString(v.locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
