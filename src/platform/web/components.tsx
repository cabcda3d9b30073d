import type { Child } from 'hono/jsx';

// The shared components of docs/design.md: each renders what it is given and decides nothing.

/** Where the page sits: a list of links, the last (this page) unlinked. */
export function Breadcrumbs(props: { label: string; items: { label: string; href?: string }[] }) {
  return (
    <nav class="breadcrumbs" aria-label={props.label}>
      <ol>
        {props.items.map((item, i) =>
          item.href && i < props.items.length - 1 ? (
            <li>
              <a href={item.href}>{item.label}</a>
            </li>
          ) : (
            <li aria-current="page">{item.label}</li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** Steps of a flow: those before `current` (1-based) are done, `current` is marked for screen readers. */
export function StepBar(props: { label: string; steps: readonly string[]; current: number }) {
  return (
    <ol class="steps" aria-label={props.label}>
      {props.steps.map((name, i) => (
        <li
          class={i + 1 < props.current ? 'done' : undefined}
          aria-current={i + 1 === props.current ? 'step' : undefined}
        >
          {name}
        </li>
      ))}
    </ol>
  );
}

/** Tabs as links: the current one is aria-current; a count shows as a badge. */
export function Tabs(props: {
  label: string;
  current: string;
  items: { href: string; label: string; count?: number }[];
}) {
  return (
    <nav aria-label={props.label}>
      <ul class="tabs">
        {props.items.map((item) => (
          <li>
            <a href={item.href} aria-current={item.href === props.current ? 'page' : undefined}>
              {item.label}
              {item.count ? <span class="badge">{item.count}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Numbered pages (the first, the last and those around this one): `href(n)` builds each page's address. */
export function Pagination(props: {
  label: string;
  page: number;
  pages: number;
  href: (page: number) => string;
  prev: string;
  next: string;
}) {
  if (props.pages <= 1) return null;
  const numbers = Array.from({ length: props.pages }, (_, i) => i + 1).filter(
    (n) => n === 1 || n === props.pages || Math.abs(n - props.page) <= 2,
  );
  return (
    <nav class="pagination" aria-label={props.label}>
      <ul>
        {props.page > 1 ? (
          <li>
            <a href={props.href(props.page - 1)} rel="prev">
              {props.prev}
            </a>
          </li>
        ) : null}
        {numbers.map((n, i) => (
          <>
            {i > 0 && n - numbers[i - 1] > 1 ? (
              <li>
                <span aria-hidden="true">…</span>
              </li>
            ) : null}
            <li>{n === props.page ? <span aria-current="page">{n}</span> : <a href={props.href(n)}>{n}</a>}</li>
          </>
        ))}
        {props.page < props.pages ? (
          <li>
            <a href={props.href(props.page + 1)} rel="next">
              {props.next}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** Nothing here yet: what is missing and, when there is one, the thing to do next. */
export function EmptyState(props: { text: string; action?: { href: string; label: string }; children?: Child }) {
  return (
    <div class="empty">
      <p>{props.text}</p>
      {props.action ? (
        <a class="button" href={props.action.href}>
          {props.action.label}
        </a>
      ) : null}
      {props.children}
    </div>
  );
}

/** Kana or kanji: text members wrote in Japanese. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/**
 * The lang attribute for text a member wrote (a service or order title): "ja" when Japanese text sits on an
 * English page, so screen readers switch voice; nothing otherwise.
 */
export function contentLang(pageLocale: string, text: string): 'ja' | undefined {
  return pageLocale !== 'ja' && JAPANESE.test(text) ? 'ja' : undefined;
}
