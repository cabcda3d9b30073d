import { japanIso } from '../platform/i18n/dates';

/** JSON for the export, every moment in Japan time (japanIso) as the README says; indented unless `compact`. */
export function exportJson(value: unknown, compact = false): string {
  return JSON.stringify(
    value,
    function (this: Record<string, unknown>, key, v) {
      const original = this[key];
      return original instanceof Date ? japanIso(original) : v;
    },
    compact ? undefined : 2,
  );
}
