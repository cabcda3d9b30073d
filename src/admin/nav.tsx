import { Tabs } from '../platform/web/components';
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

/** The console's sections, on every operator page, the current one marked. */
export function AdminNav({ v }: { v: ViewContext }) {
  const t = v.t.trust.console.nav;
  const counts: Record<string, number> = v.consoleCounts ?? {};
  const current = [...sections].reverse().find(([href]) => v.path.startsWith(href))?.[0] ?? '/admin';
  return (
    <Tabs
      label={v.t.admin.console.title}
      current={current}
      items={[
        { href: '/admin', label: v.t.admin.console.title },
        ...sections.map(([href, key]) => ({
          href,
          label: t[key],
          count: counts[key] || undefined,
        })),
      ]}
    />
  );
}
