import type { ViewContext } from '../platform/web/env';
import { CsrfField, Field, FormProblem } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import { ReportLink } from '../reports/pages';

export type RoomMessage = {
  id: number;
  kind: 'message' | 'delivery' | 'system';
  body: string;
  createdAt: Date;
  mine: boolean;
  senderName: string | null;
  /** image: a picture the chip may preview (PNG, JPEG, WebP, GIF; never SVG). */
  attachment: { id: string; name: string; size: number; image: boolean } | null;
  /** The other participant's own message: they may report it (通報). */
  reportable: boolean;
};

export type RoomPageView = {
  messages: RoomMessage[];
  olderBeforeId: number | null;
  isFirstPage: boolean;
  basePath: string;
  canPost: boolean;
  problem?: string | null;
  /** The message the member typed, kept when it was refused. */
  draft?: string;
};

/**
 * The messages of one room as a chat: oldest at the top, mine on the right, the composer at the bottom.
 * A page holds the newest messages (room.messages is newest first); older ones are a link above.
 */
export function RoomMessages({ v, room }: { v: ViewContext; room: RoomPageView }) {
  const t = v.t.messages;
  return (
    <section class="card" id="messages">
      <h2>{t.title}</h2>
      {room.olderBeforeId ? (
        <p class="chat-more">
          <a href={`${room.basePath}?before=${room.olderBeforeId}#messages`}>{t.older}</a>
        </p>
      ) : null}
      <ol class="chat" data-testid="messages">
        {[...room.messages].reverse().map((m) => (
          <Bubble v={v} m={m} />
        ))}
      </ol>
      {!room.isFirstPage ? (
        <p class="chat-more">
          <a href={`${room.basePath}#messages`}>{t.newer}</a>
        </p>
      ) : null}
      {room.canPost ? (
        <form class="composer" method="post" action={`${room.basePath}/messages`} enctype="multipart/form-data">
          <CsrfField v={v} />
          <Field
            v={v}
            name="body"
            label={t.body}
            multiline
            maxlength={2000}
            value={room.draft}
            error={room.problem ?? undefined}
          />
          <label for="f-attachment" class="small">
            {t.attach}
          </label>
          <input id="f-attachment" type="file" name="attachment" />
          <button type="submit">{t.send}</button>
        </form>
      ) : (
        <>
          <FormProblem text={room.problem} />
          <p class="muted">{t.cannotReply}</p>
        </>
      )}
    </section>
  );
}

function Bubble({ v, m }: { v: ViewContext; m: RoomMessage }) {
  const t = v.t.messages;
  const system = (key: string) => {
    const event = key.replace(/^order\./, '') as keyof typeof v.t.marketplace.order.system;
    return v.t.marketplace.order.system[event] ?? key;
  };
  const side = m.kind === 'system' ? 'system' : m.mine ? 'mine' : 'theirs';
  return (
    <li class={`bubble message ${m.kind} ${side}`}>
      <div class="bubble-meta">
        {m.kind === 'system' ? t.system : m.mine ? t.you : (m.senderName ?? v.t.common.withdrawnUser)} ·{' '}
        {formatDateTime(v, m.createdAt)}
        {m.reportable ? (
          <>
            {' · '}
            <ReportLink v={v} kind="message" target={String(m.id)} />
          </>
        ) : null}
      </div>
      <div class="bubble-body">{m.kind === 'system' ? system(m.body) : m.body}</div>
      {m.attachment ? (
        <div>
          <a href={`/attachments/${m.attachment.id}`} class="chip" data-testid="attachment-chip">
            {m.attachment.image ? (
              <img src={`/attachments/${m.attachment.id}`} alt="" loading="lazy" />
            ) : (
              <span aria-hidden="true">📎</span>
            )}
            <span>{t.attachment(m.attachment.name, Math.ceil(m.attachment.size / 1024))}</span>
          </a>
        </div>
      ) : null}
    </li>
  );
}
