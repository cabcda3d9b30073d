import { defineStrings } from '../platform/i18n';

export const termsStrings = defineStrings({
  ja: {
    footer: '利用規約',
    title: '利用規約',
    versionTitle: (version: string) => `利用規約（${version}版）`,
    effective: (date: string) => `${date}から適用`,
    current: '現在の規約です。',
    past: 'これは過去の版です。',
    showCurrent: '現在の規約を見る',
    history: 'これまでの版',
    officialText: '日本語の規約が正文です。',
    agreeTitle: '利用規約が改定されました',
    agreeLead: (date: string) =>
      `${date}から新しい利用規約が適用されています。取引（購入、出品、見積り、取引のメッセージ）を続けるには、新しい規約への同意が必要です。閲覧、データのダウンロード、退会は同意しなくてもできます。`,
    changes: '主な変更点',
    readFull: '新しい規約の全文を読む',
    agreeButton: '新しい利用規約とプライバシーポリシーに同意する',
    agreed: '新しい利用規約に同意しました。ありがとうございます。',
    nothingToAgree: '同意が必要な新しい規約はありません。',
    banner: '利用規約が改定されました。取引を続けるには同意が必要です。',
    bannerLink: '変更点を確認して同意する',
    consent: {
      legend: '利用規約とプライバシーポリシー',
      agree: '利用規約とプライバシーポリシーに同意します',
      terms: '利用規約',
      privacy: 'プライバシーポリシー',
      read: '（新しいタブで開きます）',
      age: '年齢の確認',
      adult: '18歳以上です',
      minor: '18歳未満で、親権者など法定代理人の同意を得ています',
      ageHint:
        '18歳未満の方は、法定代理人の同意のもとでご利用いただけます。売上金の振込は18歳になるまで申請できません。',
    },
    errors: {
      agreeRequired: '登録するには、利用規約とプライバシーポリシーへの同意が必要です。',
      ageRequired: '18歳以上か、18歳未満で法定代理人の同意があるかを選んでください。',
      changedMeanwhile: '利用規約が新しくなりました。新しい内容を確認して、もう一度お進みください。',
      agreeFirst:
        '利用規約が改定されました。新しい規約に同意すると、取引を続けられます（ページ上部の「変更点を確認して同意する」から）。',
      minorPayout:
        '18歳未満の方は売上金の振込を申請できません（民法第5条）。18歳になったら、お問い合わせから年齢の変更をお知らせください。',
    },
  },
  en: {
    footer: 'Terms of use',
    title: 'Terms of use',
    versionTitle: (version: string) => `Terms of use (version ${version})`,
    effective: (date: string) => `In effect from ${date}`,
    current: 'These are the terms in force.',
    past: 'This is an earlier version.',
    showCurrent: 'See the terms in force',
    history: 'Earlier versions',
    officialText: 'The Japanese text is the official one.',
    agreeTitle: 'Our terms of use have changed',
    agreeLead: (date: string) =>
      `New terms of use have applied since ${date}. To keep trading (buying, listing, offers, messages about a trade) please agree to them. You can still read, download your data and leave without agreeing.`,
    changes: 'What changed',
    readFull: 'Read the new terms in full',
    agreeButton: 'I agree to the new terms of use and privacy policy',
    agreed: 'You agreed to the new terms of use. Thank you.',
    nothingToAgree: 'There are no new terms waiting for your agreement.',
    banner: 'Our terms of use have changed. Please agree to keep trading.',
    bannerLink: 'See what changed and agree',
    consent: {
      legend: 'Terms of use and privacy policy',
      agree: 'I agree to the terms of use and the privacy policy',
      terms: 'Terms of use',
      privacy: 'Privacy policy',
      read: '(opens in a new tab)',
      age: 'Your age',
      adult: 'I am 18 or older',
      minor: 'I am under 18 and my parent or legal guardian agrees',
      ageHint: 'Members under 18 may use Wazaichi with a legal guardian’s agreement. Payouts of sales wait until 18.',
    },
    errors: {
      agreeRequired: 'To sign up, please agree to the terms of use and the privacy policy.',
      ageRequired: 'Please say whether you are 18 or older, or under 18 with a legal guardian’s agreement.',
      changedMeanwhile: 'The terms of use have just changed. Please read the new version and try again.',
      agreeFirst:
        'Our terms of use have changed. Agree to the new terms to keep trading (from “See what changed and agree” at the top of the page).',
      minorPayout:
        'Members under 18 cannot request payouts (Civil Code art. 5). When you turn 18, tell us through the contact form.',
    },
  },
});
