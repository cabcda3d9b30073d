import { defineStrings } from '../../platform/i18n';

/** 有料オプション: the seller's editor, the buyer's choice and the order's lines. */
export const optionStrings = defineStrings({
  ja: {
    heading: '有料オプション',
    intro: '購入するときに追加できるオプションです。選んだ分だけ価格に加わります。',
    editorIntro: (max: number) =>
      `購入者が購入時に追加できるオプションを${max}件まで設定できます（例：修正回数の追加、お急ぎ納品）。すでに購入された取引の内容は変わりません。`,
    none: 'オプションはまだありません。',
    title: 'オプション名',
    titleHint: '例：修正回数を3回追加',
    price: 'オプションの価格（円）',
    extraDays: '追加の日数',
    extraDaysHint: (max: number) => `このオプションで納期が延びる日数（0〜${max}日）`,
    add: 'オプションを追加する',
    remove: '削除する',
    added: 'オプションを追加しました。',
    removed: 'オプションを削除しました。',
    plusDays: (n: number) => (n > 0 ? `納期＋${n}日` : '納期は変わりません'),
    choose: '追加するオプション（任意）',
    total: '合計',
    base: 'サービス価格',
    tooMany: (max: number) => `オプションは1つのサービスに${max}件までです。`,
    changed:
      '出品者がオプションを変更しました。お支払いはまだ発生していません。内容を確認して、もう一度購入してください。',
    titleInvalid: 'オプション名を1〜60文字で入力してください。',
    extraDaysInvalid: (max: number) => `追加の日数は0〜${max}の整数で入力してください。`,
  },
  en: {
    heading: 'Paid options',
    intro: 'Extras you can add when you buy. Each one you choose is added to the price.',
    editorIntro: (max: number) =>
      `Offer up to ${max} extras buyers can add when they buy (for example more revisions or express delivery). Orders already placed do not change.`,
    none: 'No options yet.',
    title: 'Option name',
    titleHint: 'For example: 3 more revisions',
    price: 'Option price (yen)',
    extraDays: 'Extra days',
    extraDaysHint: (max: number) => `How many days this option adds to delivery (0 to ${max})`,
    add: 'Add option',
    remove: 'Remove',
    added: 'Option added.',
    removed: 'Option removed.',
    plusDays: (n: number) => (n > 0 ? `delivery +${n} ${n === 1 ? 'day' : 'days'}` : 'no extra time'),
    choose: 'Options to add (optional)',
    total: 'Total',
    base: 'Service price',
    tooMany: (max: number) => `A service can have up to ${max} options.`,
    changed: 'The seller changed the options. Nothing has been charged. Check them and buy again.',
    titleInvalid: 'Enter an option name of 1 to 60 characters.',
    extraDaysInvalid: (max: number) => `Enter extra days as a whole number from 0 to ${max}.`,
  },
});
