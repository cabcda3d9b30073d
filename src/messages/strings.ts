import { defineStrings } from '../platform/i18n';
import { ATTACHMENT_MAX_BYTES } from './limits';

const attachMb = ATTACHMENT_MAX_BYTES / 1024 / 1024;

export const messagingStrings = defineStrings({
  ja: {
    title: 'メッセージ',
    none: 'まだメッセージはありません。',
    unread: (n: number) => `未読 ${n}`,
    body: 'メッセージ',
    attach: `ファイルを添付（任意・${attachMb}MBまで。画像、PDF、ZIP、テキスト）`,
    send: '送信する',
    older: 'さらに前のメッセージ',
    newer: '最新のメッセージへ',
    you: 'あなた',
    system: 'お知らせ',
    directWith: (name: string) => `${name}さんとのメッセージ`,
    orderRoom: (title: string) => `取引：${title}`,
    attachment: (name: string, kb: number) => `添付ファイル：${name}（${kb}KB）`,
    cannotReply: 'このお相手には返信できません。',
    errors: {
      roomNotFound: 'メッセージが見つかりません。',
      empty: 'メッセージを入力するか、ファイルを添付してください。',
      attachmentTooLarge: (mb: number) => `ファイルは${mb}MBまでにしてください。`,
      attachmentType: 'このファイル形式は送れません。画像（PNG・JPEG・GIF・WebP）、PDF、ZIP、テキストが送れます。',
      counterpartGone: 'このお相手にはメッセージを送れません。',
      cannotMessageSelf: '自分にはメッセージを送れません。',
      recipientClosed: 'このお相手は、メッセージを受け付けていません。',
    },
  },
  en: {
    title: 'Messages',
    none: 'No messages yet.',
    unread: (n: number) => `${n} unread`,
    body: 'Message',
    attach: `Attach a file (optional, up to ${attachMb} MB: images, PDF, ZIP, text)`,
    send: 'Send',
    older: 'Older messages',
    newer: 'Back to the newest',
    you: 'You',
    system: 'Notice',
    directWith: (name: string) => `Messages with ${name}`,
    orderRoom: (title: string) => `Order: ${title}`,
    attachment: (name: string, kb: number) => `Attachment: ${name} (${kb} KB)`,
    cannotReply: 'You cannot reply to this member.',
    errors: {
      roomNotFound: 'Conversation not found.',
      empty: 'Write a message or attach a file.',
      attachmentTooLarge: (mb: number) => `Files can be at most ${mb} MB.`,
      attachmentType: 'This kind of file cannot be sent. Images (PNG, JPEG, GIF, WebP), PDF, ZIP and text can.',
      counterpartGone: 'You cannot send messages to this member.',
      cannotMessageSelf: 'You cannot message yourself.',
      recipientClosed: 'This member does not accept messages from you.',
    },
  },
});
