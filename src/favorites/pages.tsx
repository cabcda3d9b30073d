import { contentLang } from '../platform/web/components';
import type { ViewContext } from '../platform/web/env';
import { CsrfField, Layout, Notice } from '../platform/web/layout';
import { formatDate } from '../platform/web/dates';
import type { FavoriteServiceItem } from './favorites';
import { ServiceCards } from '../marketplace/pages/serviceCards';

export type FavoritesData = {
  services: FavoriteServiceItem[];
  sellers: { username: string; displayName: string; active: boolean; favoritedAt: Date }[];
  notice: string | null;
};

function RemoveButton({ v, action }: { v: ViewContext; action: string }) {
  return (
    <form class="inline" method="post" action={action}>
      <CsrfField v={v} />
      <input type="hidden" name="back" value="/mypage/favorites" />
      <button type="submit" class="link">
        {v.t.favorites.removeShort}
      </button>
    </form>
  );
}

export function FavoritesPage({ v, data }: { v: ViewContext; data: FavoritesData }) {
  const t = v.t.favorites;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <Notice text={data.notice} />
      <p class="hint">{t.privateNote}</p>
      <section class="card" data-testid="favorite-services">
        <h2>{t.services}</h2>
        {data.services.length === 0 ? <p>{t.noServices}</p> : null}
        <ServiceCards v={v} items={data.services.filter((s) => s.available)} />
        <ul class="plain">
          {data.services
            .filter((s) => !s.available)
            .map((s) => (
              <li class="list-row">
                <span lang={contentLang(v.locale, s.title)}>{s.title}</span>{' '}
                <strong class="badge" data-testid="ended">
                  {t.ended}
                </strong>
                <span class="small muted"> {t.endedHint}</span>{' '}
                <span class="small muted">{t.addedAt(formatDate(v, s.favoritedAt))}</span>{' '}
                <RemoveButton v={v} action={`/favorites/services/${s.id}/remove`} />
              </li>
            ))}
        </ul>
      </section>
      <section class="card" data-testid="favorite-sellers">
        <h2>{t.sellers}</h2>
        {data.sellers.length === 0 ? <p>{t.noSellers}</p> : null}
        <ul class="plain">
          {data.sellers.map((s) => (
            <li class="row">
              {s.active ? (
                <a href={`/users/${s.username}`}>{s.displayName}</a>
              ) : (
                <span class="muted">{t.sellerGone}</span>
              )}{' '}
              <span class="small muted">{t.addedAt(formatDate(v, s.favoritedAt))}</span>{' '}
              <RemoveButton v={v} action={`/favorites/sellers/${s.username}/remove`} />
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
