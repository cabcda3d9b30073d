/** A file's size as people read it on a download link: "850 KB", "12.3 MB", "1.2 GB" (same in every language). */
export function fileSize(bytes: number): string {
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value >= 100 || unit === 0 ? Math.max(1, Math.round(value)) : Math.round(value * 10) / 10;
  return `${shown} ${units[unit]}`;
}
