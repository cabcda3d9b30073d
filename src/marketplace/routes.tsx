import { countServiceView } from '../trading/figures';
import { openRequests } from '../trading/requests';
import { RequestTeaser } from '../trading/requestPages';
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { keepValues, parseForm } from '../platform/web/forms';
import { currentMember, formBody, memberOnly, render } from '../platform/web/http';
import { notFoundPage } from '../platform/web/errors';
import { uploadedFile } from '../platform/web/uploadsInput';
import { openUpload } from '../platform/uploads';
import { optionForm, serviceForm } from './forms';
import { favoritedServiceIds, withFavorites } from '../favorites/favorites';
import { FavoriteButton } from '../favorites/components';
import { ReportLink } from '../reports/pages';
import { orderRoutes } from './orderRoutes';
import { mypageRoutes } from './mypageRoutes';
import { spendablePoints } from './money/ledger';
import { purchaseRoutes } from './purchaseRoutes';
import { businessSettingsRoutes } from './businessSettings';
import { HomePage } from './pages/browsePages';
import { newestServices, searchServices } from './search/cards';
import { readSearchParams, type SearchParams } from './search/params';
import { SearchPage } from './search/searchPage';
import type { SearchQuery } from '../platform/searchPort';
import { ServiceFormPage, ServicePage } from './pages/servicePages';
import { OptionEditor, type OptionEditorValues } from './pages/optionPages';
import {
  addServiceOption,
  OPTION_EXTRA_DAYS_MAX,
  optionsOfService,
  removeServiceOption,
  SERVICE_OPTIONS_MAX,
} from './services/options';
import type { FieldErrors } from '../platform/web/forms';
import { reviewsReceived } from './reviews';
import { serviceStatuses } from './schema';
import { changeServiceStatus, saveService } from './services/commands';
import {
  makeCoverImage,
  removeServiceImage,
  serviceImagesProblem,
  SERVICE_IMAGE_MAX_BYTES,
  SERVICE_IMAGE_MAX_PIXELS,
  SERVICE_IMAGES_MAX,
} from './services/images';
import { categoryBySlug, categoryTree, serviceDetail, serviceImageFile } from './services/queries';
import { sellerCardOf } from './services/sellerCard';

/** Up to five open 公開依頼 for a search or category page, linking to the full list with the same filter. */
async function requestTeaser(
  c: Context<AppEnv>,
  filter: { categoryIds?: number[]; words?: string },
  query: Record<string, string>,
) {
  const deps = c.get('deps');
  const v = c.get('view');
  const list = await openRequests(deps.db, v.member?.id ?? null, deps.clock.now(), { ...filter, limit: 5 });
  const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ''));
  const moreHref = params.size > 0 ? `/requests?${params}` : '/requests';
  return <RequestTeaser v={v} requests={list} moreHref={moreHref} />;
}

/** What the search port is asked, from what the page read. */
function searchInput(params: SearchParams, categoryIds?: number[]): SearchQuery {
  const { q, priceMin, priceMax, days, rating, sort, page } = params;
  return { words: q, categoryIds, priceMin, priceMax, maxDeliveryDays: days, minRating: rating, sort, page };
}

const uuid = z.string().uuid();

export function marketplaceRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const db = c.get('deps').db;
    return render(
      c,
      <HomePage
        v={c.get('view')}
        newest={await withFavorites(db, c.get('view').member, await newestServices(c.get('deps')))}
        tree={await categoryTree(db)}
      />,
    );
  });

  // Bad query strings are read as the nearest sensible value with a notice, never an error page.
  app.get('/search', async (c) => {
    const v = c.get('view');
    const deps = c.get('deps');
    const { params, dropped } = readSearchParams(c.req.query());
    const category = params.category ? await categoryBySlug(deps.db, params.category) : null;
    if (params.category && !category) {
      params.category = '';
      dropped.push('category');
    }
    const found = await searchServices(deps, searchInput(params, category?.browseIds));
    const result = { ...found, items: await withFavorites(deps.db, v.member, found.items) };
    const heading = params.q ? v.t.marketplace.search.resultsFor(params.q) : v.t.marketplace.search.title;
    const requests = await requestTeaser(
      c,
      { categoryIds: category?.browseIds, words: params.q },
      {
        q: params.q,
        category: params.category,
      },
    );
    return render(
      c,
      <SearchPage
        v={v}
        data={{ heading, basePath: '/search', params, dropped, result, tree: await categoryTree(deps.db), requests }}
      />,
    );
  });

  app.get('/categories/:slug', async (c) => {
    const v = c.get('view');
    const deps = c.get('deps');
    const found = await categoryBySlug(deps.db, c.req.param('slug'));
    if (!found) return notFoundPage(c);
    const { params, dropped } = readSearchParams({ ...c.req.query(), q: '', category: '' });
    const listed = await searchServices(deps, searchInput(params, found.browseIds));
    const result = { ...listed, items: await withFavorites(deps.db, v.member, listed.items) };
    const heading = v.locale === 'ja' ? found.category.nameJa : found.category.nameEn;
    const data = {
      heading,
      basePath: `/categories/${found.category.slug}`,
      params,
      dropped,
      result,
      tree: await categoryTree(deps.db),
      subcategories: found.children,
      requests: await requestTeaser(c, { categoryIds: found.browseIds }, { category: found.category.slug }),
    };
    return render(c, <SearchPage v={v} data={data} />);
  });

  app.get('/services/new', memberOnly, async (c) => renderServiceForm(c, null, null));
  app.post('/services/new', memberOnly, async (c) => submitServiceForm(c, null));

  app.get('/services/:id', async (c) => {
    const id = c.req.param('id');
    if (!uuid.safeParse(id).success) return notFoundPage(c);
    return renderServicePage(
      c,
      id,
      null,
      c.req.query('notice') === 'saved' ? c.get('view').t.marketplace.service.saved : null,
    );
  });
  // Images are part of the service page: whoever may not see the page gets the same 404 for its images.
  app.get('/services/:id/images/:imageId', async (c) => {
    const { id, imageId } = c.req.param();
    if (!uuid.safeParse(id).success || !uuid.safeParse(imageId).success) return notFoundPage(c);
    const path = await serviceImageFile(c.get('deps').db, id, imageId, c.get('view').member?.id ?? null);
    if (!path) return notFoundPage(c);
    const file = await openUpload(c.get('deps').files, path);
    if (!file) return notFoundPage(c);
    return c.body(file.stream, 200, {
      'Content-Type': file.mime,
      'Cache-Control': 'private, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    });
  });
  app.post('/services/:id/images/:imageId/:action{remove|cover}', memberOnly, async (c) => {
    const { id, imageId, action } = c.req.param();
    if (!uuid.safeParse(id).success || !uuid.safeParse(imageId).success) return notFoundPage(c);
    const change = action === 'remove' ? removeServiceImage : makeCoverImage;
    const problem = await change(c.get('deps'), currentMember(c), id, imageId);
    if (problem) return notFoundPage(c);
    return c.redirect(`/services/${id}/edit?notice=${action === 'remove' ? 'imageRemoved' : 'coverChanged'}`, 303);
  });
  app.get('/services/:id/edit', memberOnly, async (c) => {
    const id = c.req.param('id');
    if (!uuid.safeParse(id).success) return notFoundPage(c);
    const { marketplace: t } = c.get('view').t;
    const key = c.req.query('notice') ?? '';
    const notice = (
      { imageRemoved: t.service.imageRemoved, coverChanged: t.service.coverChanged } as Record<string, string>
    )[key];
    const optionNotice = ({ optionAdded: t.options.added, optionRemoved: t.options.removed } as Record<string, string>)[
      key
    ];
    return renderEditPage(c, id, notice ?? null, { notice: optionNotice ?? null });
  });
  app.post('/services/:id/edit', memberOnly, async (c) => {
    const id = c.req.param('id');
    if (!uuid.safeParse(id).success) return notFoundPage(c);
    return submitServiceForm(c, id);
  });
  app.post('/services/:id/status', memberOnly, async (c) => {
    const id = c.req.param('id');
    const status = z.enum(serviceStatuses).safeParse((await formBody(c)).status);
    if (!uuid.safeParse(id).success || !status.success) return notFoundPage(c);
    const problem = await changeServiceStatus(c.get('deps'), currentMember(c), id, status.data);
    if (problem) return renderServicePage(c, id, problem(c.get('view').t), null, 422);
    return c.redirect(status.data === 'deleted' ? '/mypage/services' : `/services/${id}?notice=saved`, 303);
  });

  app.post('/services/:id/options', memberOnly, async (c) => {
    const id = c.req.param('id');
    if (!uuid.safeParse(id).success) return notFoundPage(c);
    const body = await formBody(c);
    const values = keepValues(body, ['optionTitle', 'optionPriceYen', 'optionExtraDays']);
    const form = parseForm(optionForm, body);
    const result = form.ok
      ? await addServiceOption(c.get('deps'), currentMember(c), id, {
          title: form.value.optionTitle,
          priceYen: form.value.optionPriceYen,
          extraDays: form.value.optionExtraDays,
        })
      : form;
    if (!result.ok) return renderEditPage(c, id, null, { values, errors: result.errors }, 422);
    return c.redirect(`/services/${id}/edit?notice=optionAdded#options`, 303);
  });
  app.post('/services/:id/options/:optionId/remove', memberOnly, async (c) => {
    const { id, optionId } = c.req.param();
    if (!uuid.safeParse(id).success || !uuid.safeParse(optionId).success) return notFoundPage(c);
    if (!(await removeServiceOption(c.get('deps'), currentMember(c), id, optionId))) return notFoundPage(c);
    return c.redirect(`/services/${id}/edit?notice=optionRemoved#options`, 303);
  });

  app.route('/', purchaseRoutes(renderServicePage));
  app.route('/', businessSettingsRoutes());
  app.route('/', orderRoutes());
  app.route('/', mypageRoutes());
  return app;
}

async function renderServicePage(
  c: Context<AppEnv>,
  id: string,
  problem: string | null,
  notice: string | null,
  status: 200 | 422 = 200,
  typed: { pointsToUse: string; ticked?: string[] } = { pointsToUse: '0' },
) {
  const deps = c.get('deps');
  const viewer = c.get('view').member;
  const service = await serviceDetail(deps.db, id, viewer?.id ?? null);
  if (!service) return notFoundPage(c);
  const purchase =
    viewer && !service.isOwner
      ? {
          idempotencyKey: randomUUID(),
          spendablePoints: await spendablePoints(deps.db, viewer.id, deps.clock.now()),
          pointsToUse: typed.pointsToUse,
        }
      : null;
  // 閲覧数 for the seller's figures: a counter per day, only for others' first rendering of the page.
  if (!service.isOwner && status === 200 && !problem) await countServiceView(deps.db, id, deps.clock.now());
  const reviews = (await reviewsReceived(deps.db, { serviceId: id })).map((r) => ({
    ...r,
    authorName: r.authorStatus === 'withdrawn' ? null : r.authorName,
    serviceTitle: undefined,
    reportable: !!viewer && viewer.id !== r.authorId,
  }));
  const options = await optionsOfService(deps.db, id);
  const favorited =
    viewer && !service.isOwner && service.isPublic
      ? (await favoritedServiceIds(deps.db, viewer.id, [id])).has(id)
      : null;
  const actions =
    favorited !== null ? (
      <p>
        <FavoriteButton v={c.get('view')} kind="service" target={id} on={favorited} />{' '}
        <ReportLink v={c.get('view')} kind="service" target={id} />
      </p>
    ) : null;
  return render(
    c,
    <ServicePage
      v={c.get('view')}
      data={{
        service,
        reviews,
        purchase,
        problem,
        notice,
        actions,
        options,
        ticked: typed.ticked,
        seller: await sellerCardOf(deps.db, service.sellerId),
      }}
    />,
    status,
  );
}

type OptionFormState = {
  values?: OptionEditorValues;
  errors?: FieldErrors<keyof OptionEditorValues | 'form'>;
  notice?: string | null;
};

/** The edit page with the service as saved; `option` carries a refused option form back beside its fields. */
async function renderEditPage(
  c: Context<AppEnv>,
  id: string,
  notice: string | null,
  option: OptionFormState = {},
  status: 200 | 422 = 200,
) {
  const detail = await serviceDetail(c.get('deps').db, id, currentMember(c).id);
  if (!detail?.isOwner) return notFoundPage(c);
  const values = {
    title: detail.title,
    categoryId: String(detail.categoryId),
    description: detail.description,
    priceYen: String(detail.priceYen),
    deliveryDays: String(detail.deliveryDays),
  };
  return renderServiceForm(c, id, notice, values, {}, status, option);
}

async function renderServiceForm(
  c: Context<AppEnv>,
  serviceId: string | null,
  notice: string | null,
  values = {},
  errors = {},
  status: 200 | 422 = 200,
  option: OptionFormState = {},
) {
  const deps = c.get('deps');
  const limits = { min: deps.config.marketplace.priceMinYen, max: deps.config.marketplace.priceMaxYen };
  const imageLimits = {
    count: SERVICE_IMAGES_MAX,
    megabytes: SERVICE_IMAGE_MAX_BYTES / 1024 / 1024,
    pixels: SERVICE_IMAGE_MAX_PIXELS,
  };
  const current = serviceId ? await serviceDetail(deps.db, serviceId, currentMember(c).id) : null;
  const optionEditor = serviceId ? (
    <OptionEditor
      v={c.get('view')}
      serviceId={serviceId}
      options={await optionsOfService(deps.db, serviceId)}
      limits={{ count: SERVICE_OPTIONS_MAX, extraDays: OPTION_EXTRA_DAYS_MAX, ...limits }}
      values={option.values}
      errors={option.errors}
      notice={option.notice}
    />
  ) : null;
  const page = (
    <ServiceFormPage
      v={c.get('view')}
      serviceId={serviceId}
      status={current?.status ?? null}
      images={current?.images ?? []}
      tree={await categoryTree(deps.db)}
      values={values}
      errors={errors}
      limits={limits}
      imageLimits={imageLimits}
      notice={notice}
      optionEditor={optionEditor}
    />
  );
  return render(c, page, status);
}

async function submitServiceForm(c: Context<AppEnv>, serviceId: string | null) {
  const raw = await c.req.parseBody({ all: true });
  const body = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const images = (await Promise.all([raw.images ?? []].flat().map(uploadedFile)))
    .filter((f) => f !== null)
    .map((f) => f.bytes);
  const values = keepValues(body, ['title', 'categoryId', 'description', 'priceYen', 'deliveryDays']);
  const form = parseForm(serviceForm, body);
  // Every mistake at once: the images are checked too when the text is wrong.
  const imagesProblem = serviceImagesProblem(images, 0);
  if (!form.ok)
    return renderServiceForm(
      c,
      serviceId,
      null,
      values,
      { ...form.errors, ...(imagesProblem ? { images: imagesProblem } : {}) },
      422,
    );
  const result = await saveService(
    c.get('deps'),
    currentMember(c),
    serviceId,
    form.value,
    body.intent !== 'draft',
    images,
  );
  if (!result.ok) return renderServiceForm(c, serviceId, null, values, result.errors, 422);
  return c.redirect(`/services/${result.serviceId}?notice=saved`, 303);
}
