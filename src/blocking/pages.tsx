import type { ViewContext } from '../platform/web/env';
import { CsrfField, Layout, Notice } from '../platform/web/layout';
import { formatDate } from '../platform/web/dates';

export type BlockedItem = { username: string; displayName: string; status: string; createdAt: Date };

export function BlocksPage({ v, items, notice }: { v: ViewContext; items: BlockedItem[]; notice: string | null }) {
  const t = v.t.blocking;
  return (
    <Layout v={v} title={t.listTitle} noindex>
      <h1>{t.listTitle}</h1>
      <Notice text={notice} />
      <p class="hint">{t.blockHint}</p>
      <section class="card">
        {items.length === 0 ? <p>{t.none}</p> : null}
        <ul class="plain">
          {items.map((b) => (
            <li class="row">
              {b.status === 'withdrawn' ? t.goneMember : b.displayName}{' '}
              <span class="small muted">{t.blockedAt(formatDate(v, b.createdAt))}</span>{' '}
              <form method="post" action={`/users/${b.username}/unblock`} class="inline">
                <CsrfField v={v} />
                <input type="hidden" name="back" value="/settings/blocks" />
                <button type="submit" class="link">
                  {t.unblock}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
