import type { Locale } from '../platform/i18n';
import { japanDateTime } from '../platform/i18n/dates';
import type { EmailContent } from '../platform/mail/render';

export function exportReadyMail(locale: Locale, d: { name: string; url: string; expiresAt: Date }): EmailContent {
  return locale === 'ja'
    ? {
        subject: '【技市】データのダウンロードの準備ができました',
        greeting: `${d.name} 様`,
        paragraphs: [
          'お申し込みのデータ（ZIPファイル）の準備ができました。ログインしたうえで、下のボタンからダウンロードしてください。',
          `ダウンロードできるのは ${japanDateTime('ja', d.expiresAt)}までです。期限を過ぎるとファイルは削除されます。`,
        ],
        action: { label: 'ダウンロードのページを開く', url: d.url },
        footnotes: ['心当たりがない場合は、パスワードを変更し、ヘルプからお問い合わせください。'],
      }
    : {
        subject: '[Wazaichi] Your data download is ready',
        greeting: `Dear ${d.name},`,
        paragraphs: [
          'The data you asked for (a ZIP file) is ready. Log in and download it from the page below.',
          `It can be downloaded until ${japanDateTime('en', d.expiresAt)}; then the file is deleted.`,
        ],
        action: { label: 'Open the download page', url: d.url },
        footnotes: ['If you did not ask for this, change your password and contact us through the help page.'],
      };
}

export function exportFailedMail(locale: Locale, d: { name: string; url: string }): EmailContent {
  return locale === 'ja'
    ? {
        subject: '【技市】データのダウンロードの準備ができませんでした',
        greeting: `${d.name} 様`,
        paragraphs: [
          'お申し込みのデータ（ZIPファイル）を、何度か試しましたが作成できませんでした。途中まで作ったファイルは削除しました。',
          '下のボタンからページを開き、「もう一度まとめる」を押してください。続けて失敗するときは、ヘルプからお問い合わせください。',
        ],
        action: { label: 'データのダウンロードのページを開く', url: d.url },
      }
    : {
        subject: '[Wazaichi] Your data download could not be prepared',
        greeting: `Dear ${d.name},`,
        paragraphs: [
          'We tried several times but could not make the ZIP file you asked for. The partly made file has been deleted.',
          'Open the page below and press "Try again". If it keeps failing, contact us through the help page.',
        ],
        action: { label: 'Open the data download page', url: d.url },
      };
}
