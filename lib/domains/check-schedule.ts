// When a pending domain is looked at again. The first check comes a minute after the domain is added (records are
// usually created right after), then the waits grow and settle at an hour; the last check falls exactly at the end
// of the window, 72 hours after adding, and a miss there fails the domain.

const MINUTE = 60_000;
export const FIRST_CHECK_DELAY_MS = MINUTE;
export const CHECK_WINDOW_MS = 72 * 60 * MINUTE;
/** The wait after the n-th failed check (1-based); the last entry repeats. */
export const CHECK_WAITS_MS = [5 * MINUTE, 15 * MINUTE, 30 * MINUTE, 60 * MINUTE] as const;

export function waitAfterCheck(checks: number): number {
  return CHECK_WAITS_MS[Math.min(Math.max(checks, 1), CHECK_WAITS_MS.length) - 1]!;
}

/** After a failed check: the next check's time, or null when the window is over and the domain fails. */
export function nextCheckAfterMiss(checks: number, now: Date, checkUntil: Date): Date | null {
  if (now.getTime() >= checkUntil.getTime()) return null;
  return new Date(Math.min(now.getTime() + waitAfterCheck(checks), checkUntil.getTime()));
}
