import { defineStrings } from '../platform/i18n';

export const helpStrings = defineStrings({
  ja: {
    title: 'ヘルプ',
    search: 'ヘルプを検索（例：退会、パスワード）',
    searchButton: '検索する',
    none: '該当するヘルプが見つかりませんでした。別のことばでお試しください。',
  },
  en: {
    title: 'Help',
    search: 'Search help (e.g. leave, password)',
    searchButton: 'Search',
    none: 'No help articles matched. Try other words.',
  },
});
