import type { ViewContext } from '../platform/web/env';
import { Layout } from '../platform/web/layout';

export function HomePage({ v }: { v: ViewContext }) {
  const t = v.t.common.home;
  return (
    <Layout v={v} title={t.title}>
      <section class="card">
        <h1>{v.member ? t.welcomeBack(v.member.displayName) : t.title}</h1>
        <p>{t.lead}</p>
      </section>
    </Layout>
  );
}
