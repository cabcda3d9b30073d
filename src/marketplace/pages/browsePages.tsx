import type { ViewContext } from '../../platform/web/env';
import { Layout } from '../../platform/web/layout';
import type { ServiceCard } from '../services/queries';
import { ServiceCards } from './serviceCards';

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
    <ul class="plain grid category-links">
      {tree.map((top) => (
        <li class="card m-0">
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
