import type { ViewContext } from '../../platform/web/env';
import type { ServiceCard } from '../services/queries';
import { FavoriteButton } from '../../favorites/components';

/** How many category colours pages.css defines (.cover-hue-0 …). */
const COVER_HUES = 8;

/** The colour of a category's text thumbnail: one per top-level category, the same on every page. */
export function coverHue(categoryTopId: number): string {
  return `cover-hue-${categoryTopId % COVER_HUES}`;
}

/** A 4:3 cover: the seller's first picture, or the title on the category's colour (like a printed card). */
export function ServiceCover(props: { serviceId: string; imageId: string | null; title: string; topId: number }) {
  // The card's link names the service, so the cover adds no words of its own (alt="", aria-hidden).
  return props.imageId ? (
    <img class="cover" src={`/services/${props.serviceId}/images/${props.imageId}`} alt="" loading="lazy" />
  ) : (
    <div class={`cover cover-text ${coverHue(props.topId)}`} aria-hidden="true" data-testid="cover-text">
      <span>{props.title}</span>
    </div>
  );
}

export function SellerAvatar(props: { sellerId: string; name: string; shown: boolean; size: number }) {
  const cls = `avatar avatar-${props.size}`;
  return props.shown ? (
    <img class={cls} src={`/avatars/${props.sellerId}`} alt="" width={String(props.size)} height={String(props.size)} />
  ) : (
    <span class={`${cls} avatar-initial`} aria-hidden="true">
      {[...props.name][0] ?? '?'}
    </span>
  );
}

/** Every list of services: the whole card is one link (stretched over it); the heart sits above it. */
export function ServiceCards({ v, items }: { v: ViewContext; items: ServiceCard[] }) {
  const t = v.t.marketplace;
  const s2 = v.t.showcase;
  return (
    <ul class="service-grid" role="list">
      {items.map((s) => (
        <li class="service-card" data-testid="service-card">
          <ServiceCover serviceId={s.id} imageId={s.coverImageId} title={s.title} topId={s.categoryTopId} />
          <div class="service-card-body">
            <p class="service-card-category">{v.locale === 'ja' ? s.categoryNameJa : s.categoryNameEn}</p>
            <h3 class="service-card-title">
              <a class="card-link" href={`/services/${s.id}`}>
                {s.title}
              </a>
            </h3>
            <p class="service-card-seller">
              <SellerAvatar sellerId={s.sellerId} name={s.sellerName} shown={s.sellerAvatarShown} size={24} />
              <span>{s.sellerName}</span>
            </p>
            <p class="service-card-meta">
              <span class="rating">
                {s.ratingAverage !== null ? (
                  <>
                    <span class="star" aria-hidden="true">
                      ★
                    </span>
                    {s.ratingAverage.toFixed(1)}
                    <span class="muted">{s2.card.ratingCount(s.ratingCount)}</span>
                  </>
                ) : (
                  <span class="muted">{s2.card.noRating}</span>
                )}
              </span>
              <span class="price">
                {t.yen(s.priceYen)}
                <small>{s2.taxIncluded}</small>
              </span>
            </p>
          </div>
          {v.member && s.favorited !== undefined ? (
            <div class="service-card-actions">
              <FavoriteButton v={v} kind="service" target={s.id} on={s.favorited} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
