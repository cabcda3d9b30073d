import type { ViewContext } from './env';

/** 用語解説: a technical word explained in one sentence where it appears; works without JavaScript. */
export function Glossary({ v, term, text }: { v: ViewContext; term: string; text: string }) {
  return (
    <details class="glossary small">
      <summary>{v.t.common.glossaryLabel(term)}</summary>
      <p>{text}</p>
    </details>
  );
}
