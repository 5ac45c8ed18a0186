// Instants as plain numbers: the arithmetic the calendar and its time zones share.

export const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;

export function utcMillis(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  return t.getTime();
}
