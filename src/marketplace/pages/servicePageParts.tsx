import type { ViewContext } from '../../platform/web/env';
import type { SellerCardData } from '../services/sellerCard';
import { SellerAvatar, ServiceCover } from './serviceCards';

type Crumb = { href: string; label: string };

/** ホーム › parent category › category: where the service sits, each step a link. */
export function Breadcrumbs({ v, crumbs }: { v: ViewContext; crumbs: Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label={v.t.showcase.service.breadcrumbs}>
      <ol>
        {crumbs.map((c) => (
          <li>
            <a href={c.href}>{c.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

type Image = { id: string; width: number; height: number };

/**
 * The pictures without script: a radio per picture picks the big one (its label is the thumbnail), and
 * the big one links to an enlarged copy shown by :target. No picture: the text cover, as on cards.
 */
export function Gallery(props: { v: ViewContext; serviceId: string; title: string; topId: number; images: Image[] }) {
  const { v, serviceId, title, images } = props;
  const t = v.t.marketplace.service;
  if (images.length === 0)
    return (
      <div class="gallery">
        <div class="gallery-stage">
          <ServiceCover serviceId={serviceId} imageId={null} title={title} topId={props.topId} />
        </div>
      </div>
    );
  const src = (img: Image) => `/services/${serviceId}/images/${img.id}`;
  const alt = (i: number) => t.imageAlt(title, i + 1, images.length);
  return (
    <div class="gallery" id="gallery">
      {images.map((_, i) => (
        <input
          type="radio"
          class="visually-hidden"
          name="gallery"
          id={`gallery-${i + 1}`}
          checked={i === 0}
          aria-label={v.t.showcase.service.showImage(i + 1, images.length)}
        />
      ))}
      <div class="gallery-stage">
        {images.map((img, i) => (
          <a href={`#zoom-${i + 1}`}>
            <img
              src={src(img)}
              alt={alt(i)}
              width={String(img.width)}
              height={String(img.height)}
              loading={i === 0 ? undefined : 'lazy'}
            />
          </a>
        ))}
      </div>
      {images.length > 1 ? (
        <div class="gallery-thumbs" aria-hidden="true">
          {images.map((img, i) => (
            <label for={`gallery-${i + 1}`}>
              <img src={src(img)} alt="" loading="lazy" />
            </label>
          ))}
        </div>
      ) : null}
      {images.map((img, i) => (
        <div class="zoom" id={`zoom-${i + 1}`}>
          <a href="#gallery">{v.t.showcase.service.close}</a>
          <img src={src(img)} alt={alt(i)} loading="lazy" />
        </div>
      ))}
    </div>
  );
}

export function SellerCard(props: {
  v: ViewContext;
  seller: { id: string; name: string; username: string; avatarShown: boolean };
  card: SellerCardData;
}) {
  const { v, seller, card } = props;
  const t = v.t.showcase.service;
  const m = v.t.marketplace.search;
  return (
    <section class="card seller-card" data-testid="seller-card">
      <h2>{t.sellerCard}</h2>
      <SellerAvatar sellerId={seller.id} name={seller.name} shown={seller.avatarShown} size={56} />
      <div>
        <p>
          <a href={`/users/${seller.username}`}>
            <strong>{seller.name}</strong>
          </a>
        </p>
        <p class="small">
          {card.rating.average !== null ? m.rating(card.rating.average, card.rating.count) : m.ratingNone} ·{' '}
          {t.sales(card.completedSales)}
        </p>
      </div>
      {card.phoneVerified ? (
        <p class="badges">
          <span class="trust-badge" data-testid="badge-phone">
            ✓ {t.phoneVerified}
          </span>
        </p>
      ) : null}
    </section>
  );
}

/** On a phone the price and a way to the buy form stay at the bottom of the screen. */
export function BuyBar({ v, priceYen, href }: { v: ViewContext; priceYen: number; href: string }) {
  return (
    <div class="buy-bar">
      <span class="price">
        {v.t.marketplace.yen(priceYen)}
        <small>{v.t.showcase.taxIncluded}</small>
      </span>
      <a class="button" href={href}>
        {v.t.showcase.service.buyNow}
      </a>
    </div>
  );
}
