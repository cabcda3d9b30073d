import type { ViewContext } from '../platform/web/env';

const sections = [
  ['/admin/members', 'members'],
  ['/admin/duplicates', 'duplicates'],
  ['/admin/reviews', 'reviews'],
  ['/admin/reports', 'reports'],
  ['/admin/suspensions', 'suspensions'],
  ['/admin/inquiries', 'inquiries'],
  ['/admin/documents', 'documents'],
  ['/admin/withdrawals', 'withdrawals'],
  ['/admin/retention', 'retention'],
  ['/admin/requests', 'requests'],
  ['/admin/payouts/departed', 'departed'],
] as const;

/** The console's sections, on every operator page. */
export function AdminNav({ v }: { v: ViewContext }) {
  const t = v.t.trust.console.nav;
  return (
    <nav class="admin-nav" aria-label={v.t.admin.console.title}>
      <a href="/admin">{v.t.admin.console.title}</a>
      {sections.map(([href, key]) => (
        <>
          {' · '}
          <a href={href}>{t[key]}</a>
        </>
      ))}
    </nav>
  );
}
