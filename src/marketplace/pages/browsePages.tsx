import type { ViewContext } from '../../platform/web/env';
import { Layout } from '../../platform/web/layout';
import type { SearchSort, ServiceCard } from '../services/queries';
import { ServiceCards } from './components';

type Category = { slug: string; nameJa: string; nameEn: string };
type Tree = (Category & { children: Category[] })[];

const name = (v: ViewContext, c: Category) => (v.locale === 'ja' ? c.nameJa : c.nameEn);

export function HomePage({ v, newest, tree }: { v: ViewContext; newest: ServiceCard[]; tree: Tree }) {
  const t = v.t.common.home;
  return (
    <Layout v={v} title={t.title}>
      <section class="card">
        <h1>{v.member ? t.welcomeBack(v.member.displayName) : t.title}</h1>
        <p>{t.lead}</p>
        {v.member ? (
          <a class="button" href="/services/new">
            {v.t.common.nav.sell}
          </a>
        ) : null}
      </section>
      <h2>{t.categories}</h2>
      <CategoryLinks v={v} tree={tree} />
      <h2>{t.newServices}</h2>
      <ServiceCards v={v} items={newest} />
    </Layout>
  );
}

function CategoryLinks({ v, tree }: { v: ViewContext; tree: Tree }) {
  return (
    <ul class="plain grid" style="margin-bottom:16px">
      {tree.map((top) => (
        <li class="card" style="margin:0">
          <a href={`/categories/${top.slug}`}>
            <strong>{name(v, top)}</strong>
          </a>
          <div class="small">
            {top.children.map((c, i) => (
              <>
                {i > 0 ? ' · ' : ''}
                <a href={`/categories/${c.slug}`}>{name(v, c)}</a>
              </>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

export type SearchPageData = {
  heading: string;
  q: string;
  sort: SearchSort;
  page: number;
  items: ServiceCard[];
  hasNext: boolean;
  basePath: string;
  subcategories?: Category[];
};

export function SearchPage({ v, data }: { v: ViewContext; data: SearchPageData }) {
  const t = v.t.marketplace.search;
  const link = (page: number) => {
    const params = new URLSearchParams();
    if (data.q) params.set('q', data.q);
    if (data.sort !== 'new') params.set('sort', data.sort);
    if (page > 1) params.set('page', String(page));
    const qs = params.toString();
    return qs ? `${data.basePath}?${qs}` : data.basePath;
  };
  return (
    <Layout v={v} title={data.heading}>
      <h1>{data.heading}</h1>
      {data.subcategories && data.subcategories.length > 0 ? (
        <p class="small">
          {data.subcategories.map((c, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={`/categories/${c.slug}`}>{name(v, c)}</a>
            </>
          ))}
        </p>
      ) : null}
      <form method="get" action={data.basePath} class="card" style="display:flex;gap:8px;align-items:end;flex-wrap:wrap">
        {data.basePath === '/search' ? (
          <div style="flex:1;min-width:200px">
            <label for="q">{v.t.common.nav.search}</label>
            <input id="q" type="search" name="q" value={data.q} maxlength={100} />
          </div>
        ) : null}
        <div>
          <label for="sort">{t.sort}</label>
          <select id="sort" name="sort">
            {(
              [
                ['new', t.sortNew],
                ['rating', t.sortRating],
                ['price_asc', t.sortPriceAsc],
                ['price_desc', t.sortPriceDesc],
              ] as const
            ).map(([value, label]) => (
              <option value={value} selected={data.sort === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t.apply}
        </button>
      </form>
      {data.items.length === 0 ? <p class="card">{t.none}</p> : <ServiceCards v={v} items={data.items} />}
      <nav style="display:flex;gap:16px;margin-top:16px" aria-label="pagination">
        {data.page > 1 ? <a href={link(data.page - 1)}>{t.prev}</a> : null}
        {data.hasNext ? <a href={link(data.page + 1)}>{t.next}</a> : null}
      </nav>
    </Layout>
  );
}
