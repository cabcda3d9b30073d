import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../platform/web/forms';
import type { ViewContext } from '../../platform/web/env';
import { CsrfField, Field, FormErrorSummary, Layout, Notice } from '../../platform/web/layout';
import type { ServiceStatus } from '../schema';
import type { serviceDetail, ServiceCard } from '../services/queries';
import { ReviewList, TestModeNotice, type ReviewItem } from './components';
import type { ServiceOption } from '../services/options';
import { OptionChoices, OptionList } from './optionPages';
import { Breadcrumbs, BuyBar, Gallery, SellerCard } from './servicePageParts';
import type { SellerCardData } from '../services/sellerCard';

type Detail = NonNullable<Awaited<ReturnType<typeof serviceDetail>>>;

export type ServicePageData = {
  service: Detail;
  reviews: ReviewItem[];
  /** pointsToUse: what the buyer typed, kept when a purchase is refused. */
  purchase: { idempotencyKey: string; spendablePoints: number; pointsToUse: string } | null;
  problem?: string | null;
  notice?: string | null;
  /** The viewer's own buttons about this service (お気に入り, 通報), made by those features. */
  actions?: Child;
  seller: SellerCardData;
  /** 有料オプション the service offers, and those the buyer had ticked when a purchase was refused. */
  options: ServiceOption[];
  ticked?: string[];
};

export function ServicePage({ v, data }: { v: ViewContext; data: ServicePageData }) {
  const t = v.t.marketplace;
  const s = data.service;
  const label = (c: { nameJa: string; nameEn: string }) => (v.locale === 'ja' ? c.nameJa : c.nameEn);
  const crumbs = [
    { href: '/', label: v.t.showcase.service.home },
    ...(s.categoryParent ? [{ href: `/categories/${s.categoryParent.slug}`, label: label(s.categoryParent) }] : []),
    { href: `/categories/${s.categorySlug}`, label: label({ nameJa: s.categoryNameJa, nameEn: s.categoryNameEn }) },
  ];
  return (
    <Layout v={v} title={s.title}>
      {!s.isPublic ? <p class="banner">{t.service.notPublic}</p> : null}
      <Notice text={data.notice} />
      <Breadcrumbs v={v} crumbs={crumbs} />
      <div class="service-layout">
        <div class="service-main">
          <article class="card">
            <h1>{s.title}</h1>
            <p class="small">
              {s.ratingAverage !== null ? t.search.rating(s.ratingAverage, s.ratingCount) : t.search.ratingNone}
            </p>
            <Gallery v={v} serviceId={s.id} title={s.title} topId={s.categoryTopId} images={s.images} />
            {data.actions}
            <div class="service-description">{s.description}</div>
            {data.options.length > 0 ? <OptionList v={v} options={data.options} /> : null}
          </article>
        </div>
        <aside class="service-aside">
          {s.isOwner ? <OwnerControls v={v} serviceId={s.id} status={s.status} /> : <BuyBox v={v} data={data} />}
          <SellerCard
            v={v}
            seller={{
              id: s.sellerId,
              name: s.sellerName,
              username: s.sellerUsername,
              avatarShown: s.sellerAvatarShown,
            }}
            card={data.seller}
          />
        </aside>
        <section class="card service-reviews">
          <h2>{t.service.reviews}</h2>
          <ReviewList v={v} reviews={data.reviews} />
        </section>
      </div>
      {!s.isOwner ? (
        <BuyBar v={v} priceYen={s.priceYen} href={data.purchase ? '#buy' : `/login?next=/services/${s.id}`} />
      ) : null}
    </Layout>
  );
}

type Image = { id: string; width: number; height: number };

function BuyBox({ v, data }: { v: ViewContext; data: ServicePageData }) {
  const t = v.t.marketplace.service;
  if (!data.purchase) {
    return (
      <section class="card buy-box" id="buy">
        <BuyFacts v={v} priceYen={data.service.priceYen} days={data.service.deliveryDays} />
        <p>{t.loginToBuy}</p>
        <a class="button" href={`/login?next=/services/${data.service.id}`}>
          {v.t.common.nav.login}
        </a>
      </section>
    );
  }
  return (
    <section class="card buy-box" id="buy">
      <BuyFacts v={v} priceYen={data.service.priceYen} days={data.service.deliveryDays} />
      <TestModeNotice v={v} />
      {data.problem ? (
        <p class="form-error" role="alert">
          {data.problem}
        </p>
      ) : null}
      <form method="post" action={`/services/${data.service.id}/confirm`}>
        <CsrfField v={v} />
        {/* One key per page view: a double click or a resend is one purchase. */}
        <input type="hidden" name="idempotencyKey" value={data.purchase.idempotencyKey} />
        <input type="hidden" name="expectedPriceYen" value={String(data.service.priceYen)} />
        <OptionChoices v={v} options={data.options} ticked={data.ticked ?? []} />
        <label for="f-pointsToUse">{t.pointsToUse}</label>
        <p class="hint">{t.pointsHint(data.purchase.spendablePoints)}</p>
        <input
          id="f-pointsToUse"
          type="number"
          name="pointsToUse"
          min="0"
          max={String(Math.min(data.purchase.spendablePoints, data.service.priceYen))}
          value={data.purchase.pointsToUse}
        />
        <button type="submit">{t.buy}</button>
      </form>
      <form method="post" action="/messages/start">
        <CsrfField v={v} />
        <input type="hidden" name="to" value={data.service.sellerUsername} />
        <button type="submit" class="secondary">
          {t.ask}
        </button>
      </form>
    </section>
  );
}

function BuyFacts({ v, priceYen, days }: { v: ViewContext; priceYen: number; days: number }) {
  return (
    <>
      <p class="buy-price" data-testid="buy-price">
        {v.t.marketplace.yen(priceYen)}
        <small>{v.t.showcase.taxIncluded}</small>
      </p>
      <p class="buy-facts">{v.t.showcase.service.delivery(v.t.marketplace.days(days))}</p>
    </>
  );
}

function OwnerControls({ v, serviceId, status }: { v: ViewContext; serviceId: string; status: ServiceStatus }) {
  const t = v.t.marketplace.service;
  const action = (to: ServiceStatus, label: string, cls = 'secondary') => (
    <form method="post" action={`/services/${serviceId}/status`} class="inline-block mr-2">
      <CsrfField v={v} />
      <input type="hidden" name="status" value={to} />
      <button type="submit" class={cls}>
        {label}
      </button>
    </form>
  );
  return (
    <section class="card">
      <p>
        {v.t.marketplace.order.status}: <span class="pill">{v.t.marketplace.status[status]}</span>
      </p>
      <a class="button secondary mr-2" href={`/services/${serviceId}/edit`}>
        {t.edit}
      </a>
      {status === 'published'
        ? action('paused', t.pause)
        : action('published', status === 'draft' ? t.publish : t.resume)}
      {action('deleted', t.delete, 'danger')}
      <p class="small muted">{t.deleteConfirm}</p>
    </section>
  );
}

export type ServiceFormValues = {
  title?: string;
  categoryId?: string;
  description?: string;
  priceYen?: string;
  deliveryDays?: string;
};
type Tree = {
  id: number;
  nameJa: string;
  nameEn: string;
  children: { id: number; nameJa: string; nameEn: string }[];
}[];

/** status: the service's state when editing (null for a new one); saving without publishing keeps it. */
export function ServiceFormPage(props: {
  v: ViewContext;
  serviceId: string | null;
  status: ServiceStatus | null;
  /** The service's images when editing, cover first. */
  images: Image[];
  tree: Tree;
  values?: ServiceFormValues;
  errors?: FieldErrors<keyof ServiceFormValues | 'images' | 'form'>;
  limits: { min: number; max: number };
  imageLimits: { count: number; megabytes: number; pixels: number };
  notice?: string | null;
  /** The 有料オプション editor, when editing a service. */
  optionEditor?: Child;
}) {
  const { v, values = {}, errors = {} } = props;
  const t = v.t.marketplace.service;
  const e = (k: keyof typeof errors) => errors[k]?.(v.t);
  const name = (c: { nameJa: string; nameEn: string }) => (v.locale === 'ja' ? c.nameJa : c.nameEn);
  return (
    <Layout v={v} title={props.serviceId ? t.editTitle : t.newTitle} noindex>
      <section class="card">
        <h1>{props.serviceId ? t.editTitle : t.newTitle}</h1>
        <Notice text={props.notice} />
        <FormErrorSummary v={v} show={Object.keys(errors).length > 0} />
        {e('form') ? <p class="form-error">{e('form')}</p> : null}
        <form
          method="post"
          action={props.serviceId ? `/services/${props.serviceId}/edit` : '/services/new'}
          enctype="multipart/form-data"
          novalidate
        >
          <CsrfField v={v} />
          <Field
            v={v}
            name="title"
            label={t.title}
            hint={t.titleHint}
            value={values.title}
            error={e('title')}
            required
            maxlength={80}
          />
          <label for="f-categoryId">{t.category}</label>
          <select id="f-categoryId" name="categoryId" aria-invalid={e('categoryId') ? 'true' : undefined}>
            <option value="">{t.chooseCategory}</option>
            {props.tree.map((top) => (
              <optgroup label={name(top)}>
                {top.children.map((c) => (
                  <option value={String(c.id)} selected={values.categoryId === String(c.id)}>
                    {name(c)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {e('categoryId') ? <p class="field-error">{e('categoryId')}</p> : null}
          <Field
            v={v}
            name="description"
            label={t.description}
            hint={t.descriptionHint}
            value={values.description}
            error={e('description')}
            required
            maxlength={5000}
            multiline
          />
          <Field
            v={v}
            name="priceYen"
            type="number"
            label={t.price}
            hint={v.t.marketplace.errors.priceRange(props.limits.min, props.limits.max)}
            value={values.priceYen}
            error={e('priceYen')}
            required
          />
          <Field
            v={v}
            name="deliveryDays"
            type="number"
            label={t.deliveryDays}
            value={values.deliveryDays ?? '7'}
            error={e('deliveryDays')}
            required
          />
          <label for="f-images">{t.images}</label>
          <p class="hint" id="f-images-hint">
            {t.imagesHint(props.imageLimits.count, props.imageLimits.megabytes, props.imageLimits.pixels)}
          </p>
          <input
            id="f-images"
            type="file"
            name="images"
            multiple
            accept="image/png,image/jpeg,image/webp"
            aria-invalid={e('images') ? 'true' : undefined}
            aria-describedby={e('images') ? 'f-images-hint f-images-error' : 'f-images-hint'}
          />
          {e('images') ? (
            <p class="field-error" id="f-images-error" role="alert">
              {e('images')}
            </p>
          ) : null}
          {props.status === 'published' ? (
            <button type="submit" name="intent" value="publish">
              {t.save}
            </button>
          ) : (
            <>
              <button type="submit" name="intent" value="publish">
                {t.publish}
              </button>{' '}
              <button type="submit" name="intent" value="draft" class="secondary">
                {props.status === 'paused' ? t.saveUnpublished : t.saveDraft}
              </button>
            </>
          )}
        </form>
      </section>
      {props.serviceId && props.images.length > 0 ? (
        <ImageList v={v} serviceId={props.serviceId} title={values.title ?? ''} images={props.images} />
      ) : null}
      {props.optionEditor}
    </Layout>
  );
}

/** The images a service has, each with its own small forms (a form cannot sit inside the service form). */
function ImageList({
  v,
  serviceId,
  title,
  images,
}: {
  v: ViewContext;
  serviceId: string;
  title: string;
  images: Image[];
}) {
  const t = v.t.marketplace.service;
  const button = (imageId: string, action: 'remove' | 'cover', label: string, cls: string) => (
    <form method="post" action={`/services/${serviceId}/images/${imageId}/${action}`} class="inline-block mr-2">
      <CsrfField v={v} />
      <button type="submit" class={cls}>
        {label}
      </button>
    </form>
  );
  return (
    <section class="card">
      <h2>{t.currentImages}</h2>
      <ul class="plain grid">
        {images.map((img, i) => (
          <li>
            <img
              src={`/services/${serviceId}/images/${img.id}`}
              alt={t.imageAlt(title, i + 1, images.length)}
              width={String(img.width)}
              height={String(img.height)}
              class="fluid"
            />
            <div>
              {i === 0 ? <span class="pill">{t.cover}</span> : button(img.id, 'cover', t.makeCover, 'secondary')}
              {button(img.id, 'remove', t.removeImage, 'danger')}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MyServicesPage({ v, items }: { v: ViewContext; items: (ServiceCard & { status: ServiceStatus })[] }) {
  const t = v.t.marketplace;
  return (
    <Layout v={v} title={t.service.mine} noindex>
      <h1>{t.service.mine}</h1>
      <a class="button" href="/services/new">
        {t.mypage.newService}
      </a>
      {items.length === 0 ? <p>{t.service.none}</p> : null}
      <table class="mt-4">
        <tbody>
          {items.map((s) => (
            <tr>
              <td>
                <a href={`/services/${s.id}`}>{s.title}</a>
              </td>
              <td>{t.yen(s.priceYen)}</td>
              <td>
                <span class="pill">{t.status[s.status]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
