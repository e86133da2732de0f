/**
 * A calendar day (`YYYY-MM-DD`, UTC) as the locale writes it: "01.03.2026" in de-DE, "Mar 1, 2026" in en-US,
 * "1 Mar 2026" in en-GB. Formatted in UTC, so the day never shifts with the server's time zone.
 */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
