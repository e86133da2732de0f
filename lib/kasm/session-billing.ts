// The Kasm billing rule, in one place: a session is billed by its running time rounded UP to whole 15-minute
// increments (a started session is at least one), reported to the usage engine as decimal hours under the
// transaction id 'kasm:<kasm id>' — the engine's unique key is what makes a stop seen twice bill once.

export const KASM_METER = 'kasm_hours';
export const KASM_INCREMENT_MINUTES = 15;
const INCREMENT_MS = KASM_INCREMENT_MINUTES * 60_000;

/** The rule as the service page states it. */
export const KASM_BILLING_RULE = 'Each session is billed from Start to Stop in 15-minute increments, rounded up (a 37-minute session is billed as 45 minutes).';

/** Kasm writes its ids with and without dashes: we keep them without, lower-cased. */
export function normalizeKasmId(kasmId: string): string {
  return kasmId.replace(/-/g, '').toLowerCase();
}

export function kasmTransactionId(kasmId: string): string {
  return `kasm:${normalizeKasmId(kasmId)}`;
}

/** Running time rounded up to whole increments, in minutes; never less than one increment. */
export function billedMinutesOf(startedAt: Date, stoppedAt: Date): number {
  const ms = Math.max(0, stoppedAt.getTime() - startedAt.getTime());
  return Math.max(1, Math.ceil(ms / INCREMENT_MS)) * KASM_INCREMENT_MINUTES;
}

/** Whole minutes as exact decimal hours (165 → "2.75"); minutes here are always a multiple of 15. */
export function minutesAsHours(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`minutes must be a whole non-negative number, not ${minutes}`);
  const hours = Math.floor(minutes / 60);
  // Hundredths of an hour are exact for multiples of 15 minutes (and of 3 minutes in general); six decimals cover the rest.
  const rest = minutes % 60;
  if (rest === 0) return String(hours);
  const fraction = ((BigInt(rest) * 1_000_000n) / 60n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${hours}.${fraction}`;
}

/** "2 h 37 min", "12 min", "0 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}
