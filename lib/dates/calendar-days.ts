// Calendar days as `YYYY-MM-DD` strings in UTC: what due dates, periods and invoice dates are stored as.

/** `YYYY-MM-DD` of a UTC date. */
export function toDateString(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(from: string, days: number): string {
  return toDateString(new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000));
}
