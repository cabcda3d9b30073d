import type { Child } from 'hono/jsx';
import { contentLang } from '../platform/web/components';
import type { ViewContext } from '../platform/web/env';
import { Layout } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import { RoomMessages, type RoomPageView } from './pages';

export type RoomListItem = {
  href: string;
  title: string;
  counterpartName: string | null;
  unread: number;
  lastMessageAt: Date | null;
};

export function MessagesListPage({ v, rooms }: { v: ViewContext; rooms: RoomListItem[] }) {
  const t = v.t.messages;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      {rooms.length === 0 ? <p class="card">{t.none}</p> : null}
      <ul class="plain">
        {rooms.map((r) => (
          <li class="card spread">
            <span>
              <a href={r.href} lang={contentLang(v.locale, r.title)}>
                {r.title}
              </a>
              <span class="small muted"> · {r.counterpartName ?? v.t.common.withdrawnUser}</span>
            </span>
            <span class="small">
              {r.unread > 0 ? <span class="pill warn">{t.unread(r.unread)}</span> : null}{' '}
              {r.lastMessageAt ? formatDateTime(v, r.lastMessageAt) : ''}
            </span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** offers: the room's 見積り提案 cards and, for a seller, the form to send one (from trading/). */
export function DirectRoomPage({
  v,
  counterpartName,
  room,
  offers,
}: {
  v: ViewContext;
  counterpartName: string | null;
  room: RoomPageView;
  offers?: Child;
}) {
  const title = v.t.messages.directWith(counterpartName ?? v.t.common.withdrawnUser);
  return (
    <Layout v={v} title={title} noindex>
      <h1>{title}</h1>
      {offers}
      <RoomMessages v={v} room={room} />
    </Layout>
  );
}
