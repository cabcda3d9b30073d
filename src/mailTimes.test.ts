/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { locales } from './platform/i18n';
import { japanDateTime } from './platform/i18n/dates';
import { renderEmail, type EmailContent } from './platform/mail/render';

// Every module with mail templates (a template is a function (locale, data) => EmailContent).
const templateModules = import.meta.glob('./**/mails.ts', { eager: true }) as Record<string, Record<string, unknown>>;

const moment = new Date('2026-12-01T19:12:56.855Z');

/** Sample data for any template: times are Dates, amounts numbers, lists empty, the rest a word. */
function sample(): Record<string, unknown> {
  return new Proxy(
    {},
    {
      get: (_, key) => {
        const name = String(key);
        if (/^(when|until|deadline)$|At$|On$/.test(name)) return moment;
        if (/yen|amount|count|^n$|points|minutes|days|hours|rating|fee|total|last4/i.test(name)) return 1;
        if (/^(is|has)|Ended$|sample/i.test(name)) return false;
        if (/items|lines|list|kept|codes|orders/i.test(name)) return [];
        if (name === 'change') return 'added';
        if (name === 'event') return 'purchased';
        if (name === 'then' || typeof key === 'symbol') return undefined;
        return 'サンプル';
      },
    },
  );
}

describe('times in mails', () => {
  it('says a moment one way in Japan time, in both languages', () => {
    expect(japanDateTime('ja', moment)).toBe('2026年12月2日 04:12（日本時間）');
    expect(japanDateTime('en', moment)).toBe('2 Dec 2026, 04:12 JST');
  });

  it('renders every mail template without an ISO timestamp or UTC', () => {
    let rendered = 0;
    const failures: string[] = [];
    for (const [file, exports] of Object.entries(templateModules)) {
      for (const [name, template] of Object.entries(exports)) {
        // Functions that queue mail (they take a transaction) are not templates.
        if (typeof template !== 'function' || name.startsWith('queue')) continue;
        for (const locale of locales) {
          let content: EmailContent;
          try {
            content = template(locale, sample());
          } catch (error) {
            failures.push(`${file} ${name} ${locale}: ${(error as Error).message}`);
            continue;
          }
          if (!content || typeof content !== 'object' || !('paragraphs' in content)) continue;
          const mail = renderEmail(locale, content);
          rendered += 1;
          for (const text of [mail.subject, mail.text, mail.html])
            if (/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\bUTC\b|協定世界時/.test(text))
              failures.push(`${file} ${name} ${locale}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(rendered).toBeGreaterThan(40);
  });

  it('writes a list in a mail as a list, in the text and the HTML', () => {
    const mail = renderEmail('ja', { subject: 's', greeting: 'g', paragraphs: ['前', ['一つめ', '二つめ']] });
    expect(mail.text).toContain('前\n\n・一つめ\n・二つめ');
    expect(mail.html).toContain('<ul><li>一つめ</li><li>二つめ</li></ul>');
  });
});
