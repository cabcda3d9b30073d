import type { ViewContext } from '../platform/web/env';
import { CsrfField } from '../platform/web/layout';

/** The heart: a plain form, so it works without JavaScript. Adding twice keeps one row. */
export function FavoriteButton(props: { v: ViewContext; kind: 'service' | 'seller'; target: string; on: boolean }) {
  const { v, kind, target, on } = props;
  const t = v.t.favorites;
  const base = kind === 'service' ? `/favorites/services/${target}` : `/favorites/sellers/${target}`;
  const label = kind === 'service' ? (on ? t.remove : t.add) : on ? t.removeSeller : t.addSeller;
  return (
    <form method="post" action={on ? `${base}/remove` : base} class="inline">
      <CsrfField v={v} />
      <input type="hidden" name="back" value={v.path} />
      <button type="submit" class="secondary" aria-pressed={on ? 'true' : 'false'} data-testid={`favorite-${kind}`}>
        {label}
      </button>
    </form>
  );
}
