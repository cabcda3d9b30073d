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
  attachment: { id: string; name: string; size: number } | null;
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

/** The messages of one room (newest first) and, where the viewer may write, the form to post. */
export function RoomMessages({ v, room }: { v: ViewContext; room: RoomPageView }) {
  const t = v.t.messages;
  const systemText = (key: string) => {
    const event = key.replace(/^order\./, '') as keyof typeof v.t.marketplace.order.system;
    return v.t.marketplace.order.system[event] ?? key;
  };
  return (
    <section class="card" id="messages">
      <h2>{t.title}</h2>
      {room.canPost ? (
        <form method="post" action={`${room.basePath}/messages`} enctype="multipart/form-data">
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
      {!room.isFirstPage ? <a href={`${room.basePath}#messages`}>{t.newer}</a> : null}
      <ol class="plain" data-testid="messages">
        {room.messages.map((m) => (
          <li class={`message ${m.kind} row`}>
            <div class="small muted">
              {m.kind === 'system' ? t.system : m.mine ? t.you : (m.senderName ?? v.t.common.withdrawnUser)} ·{' '}
              {formatDateTime(v, m.createdAt)}
              {m.reportable ? (
                <>
                  {' · '}
                  <ReportLink v={v} kind="message" target={String(m.id)} />
                </>
              ) : null}
            </div>
            <div class="pre">{m.kind === 'system' ? systemText(m.body) : m.body}</div>
            {m.attachment ? (
              <a href={`/attachments/${m.attachment.id}`} class="small">
                {t.attachment(m.attachment.name, Math.ceil(m.attachment.size / 1024))}
              </a>
            ) : null}
          </li>
        ))}
      </ol>
      {room.olderBeforeId ? <a href={`${room.basePath}?before=${room.olderBeforeId}#messages`}>{t.older}</a> : null}
    </section>
  );
}
