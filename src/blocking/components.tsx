import type { ViewContext } from '../platform/web/env';
import { CsrfField } from '../platform/web/layout';

/** ブロックする / 解除: a plain form on the profile, with what blocking does said beside it. */
export function BlockButton({ v, username, blocked }: { v: ViewContext; username: string; blocked: boolean }) {
  const t = v.t.blocking;
  return (
    <form method="post" action={`/users/${username}/${blocked ? 'unblock' : 'block'}`} class="inline">
      <CsrfField v={v} />
      <button type="submit" class="secondary" data-testid="block-button" title={blocked ? undefined : t.blockHint}>
        {blocked ? t.unblock : t.block}
      </button>
    </form>
  );
}
