// Months and years of documents are counted in Japan time, whatever the server's zone.
const JST = 9 * 60 * 60 * 1000;

/** A calendar month ("2026-11") or year ("2026") in Japan time, as the instants it runs between. */
export type Span = { label: string; from: Date; to: Date };

export function monthSpan(label: string): Span | null {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  const [year, month] = [Number(m[1]), Number(m[2])];
  return { label, from: new Date(Date.UTC(year, month - 1, 1) - JST), to: new Date(Date.UTC(year, month, 1) - JST) };
}

export function yearSpan(label: string): Span | null {
  if (!/^\d{4}$/.test(label)) return null;
  const year = Number(label);
  return { label, from: new Date(Date.UTC(year, 0, 1) - JST), to: new Date(Date.UTC(year + 1, 0, 1) - JST) };
}

/** "2026-11" for a moment, in Japan time. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + JST).toISOString().slice(0, 7);
}

export function yearOf(at: Date): string {
  return new Date(at.getTime() + JST).toISOString().slice(0, 4);
}
