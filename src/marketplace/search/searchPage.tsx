import { Pagination } from '../../platform/web/components';
import type { Child } from 'hono/jsx';
import type { ViewContext } from '../../platform/web/env';
import { Layout } from '../../platform/web/layout';
import { ServiceCards } from '../pages/serviceCards';
import type { SearchResult } from './cards';
import { minRatings, searchQueryString, type DroppedField, type SearchParams } from './params';

type Category = { slug: string; nameJa: string; nameEn: string };
type Tree = (Category & { children: Category[] })[];

export type SearchPageData = {
  heading: string;
  basePath: string;
  params: SearchParams;
  dropped: DroppedField[];
  result: SearchResult;
  tree: Tree;
  subcategories?: Category[];
  /** Open 公開依頼 that match, from the trading feature. */
  requests?: Child;
};

const dayChoices = [1, 3, 7, 14, 30];

/** Search and category pages: filters as one plain GET form, numbered page links; no script needed. */
export function SearchPage({ v, data }: { v: ViewContext; data: SearchPageData }) {
  const t = v.t.search;
  const m = v.t.marketplace.search;
  const { params, result } = data;
  const name = (c: Category) => (v.locale === 'ja' ? c.nameJa : c.nameEn);
  const link = (change: Partial<SearchParams>) => data.basePath + searchQueryString(params, change);
  const words = params.q.split(/\s+/).filter(Boolean);
  const filtered =
    params.priceMin !== undefined ||
    params.priceMax !== undefined ||
    params.days !== undefined ||
    params.rating !== undefined ||
    params.category !== '';
  return (
    <Layout v={v} title={data.heading}>
      <h1>{data.heading}</h1>
      {data.dropped.length > 0 ? (
        <p class="notice" role="status">
          {t.dropped(data.dropped.map((f) => t.fields[f]).join('、'))}
        </p>
      ) : null}
      {data.subcategories && data.subcategories.length > 0 ? (
        <p class="small">
          {data.subcategories.map((c, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={`/categories/${c.slug}`}>{name(c)}</a>
            </>
          ))}
        </p>
      ) : null}
      <form method="get" action={data.basePath} class="card cluster end">
        {data.basePath === '/search' ? (
          <>
            <div class="grow">
              <label for="q">{v.t.common.nav.search}</label>
              <input id="q" type="search" name="q" value={params.q} maxlength={100} />
            </div>
            <div>
              <label for="category">{t.category}</label>
              <select id="category" name="category">
                <option value="">{t.anyCategory}</option>
                {data.tree
                  .flatMap((top) => [top, ...top.children])
                  .map((c) => (
                    <option value={c.slug} selected={params.category === c.slug}>
                      {name(c)}
                    </option>
                  ))}
              </select>
            </div>
          </>
        ) : null}
        <fieldset class="bare">
          <legend>{t.price}</legend>
          <label for="price_min" class="small">
            {t.priceMin}
          </label>
          <input id="price_min" name="price_min" inputmode="numeric" size={7} value={params.priceMin ?? ''} />
          <label for="price_max" class="small">
            {t.priceMax}
          </label>
          <input id="price_max" name="price_max" inputmode="numeric" size={7} value={params.priceMax ?? ''} />
        </fieldset>
        <div>
          <label for="days">{t.days}</label>
          <select id="days" name="days">
            <option value="">{t.anyDays}</option>
            {dayChoices.map((d) => (
              <option value={String(d)} selected={params.days === d}>
                {t.daysWithin(d)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="rating">{t.rating}</label>
          <select id="rating" name="rating">
            <option value="">{t.anyRating}</option>
            {minRatings.map((r) => (
              <option value={String(r)} selected={params.rating === r}>
                {t.ratingAtLeast(r)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="sort">{m.sort}</label>
          <select id="sort" name="sort">
            {(
              [
                ['new', m.sortNew],
                ['rating', m.sortRating],
                ['price_asc', m.sortPriceAsc],
                ['price_desc', m.sortPriceDesc],
              ] as const
            ).map(([value, label]) => (
              <option value={value} selected={params.sort === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t.apply}
        </button>
      </form>
      <p class="small" role="status">
        {t.count(result.total, result.capped)}
        {result.pages > 1 ? ` · ${t.pageOf(params.page, result.pages)}` : ''}
      </p>
      {result.items.length > 0 ? (
        <ServiceCards v={v} items={result.items} />
      ) : result.total > 0 ? (
        <p class="card">
          {t.beyondLast} <a href={link({ page: 1 })}>{t.firstPage}</a>
        </p>
      ) : (
        <section class="card">
          <h2>{t.noneTitle}</h2>
          <p>{m.none}</p>
          {words.length > 1 ? (
            <p>
              {t.tryWords}{' '}
              {words.map((w, i) => (
                <>
                  {i > 0 ? ' · ' : ''}
                  <a href={link({ q: w, page: 1 })}>{w}</a>
                </>
              ))}
            </p>
          ) : null}
          {filtered ? (
            <p>
              <a
                href={`${data.basePath}${searchQueryString({ q: params.q, category: '', sort: params.sort, page: 1 })}`}
              >
                {t.tryFewerFilters}
              </a>
            </p>
          ) : null}
          <p>
            {t.tryCategories}{' '}
            {data.tree.map((c, i) => (
              <>
                {i > 0 ? ' · ' : ''}
                <a href={`/categories/${c.slug}`}>{name(c)}</a>
              </>
            ))}
          </p>
        </section>
      )}
      <Pagination
        label={t.pages}
        page={params.page}
        pages={result.pages}
        href={(page) => link({ page })}
        prev={m.prev}
        next={m.next}
      />
      {data.requests}
    </Layout>
  );
}
