import { addDays, toDateString } from '@/lib/dates/calendar-days';
import type { PaymentTransaction } from './transactions';

/**
 * When an invoice's next automatic charge may happen: on its due date (or the first pass after it), then on each
 * retry day, counted in days after the due date (default 1, 3, 5, 7: due date D, then D+1, D+3, D+5, D+7). A retry
 * day is used once: after downtime, the days that passed meanwhile are skipped, so a catching-up pass charges once,
 * never a burst. Never while a charge waits for the customer (3-D Secure) or after the last retry day (the dunning
 * emails carry on from there). A pending attempt is one a killed run left behind: it is resumed with its own
 * idempotency key, so the gateway answers with the first charge instead of making a second.
 */
export function nextChargeStep(attempts: Pick<PaymentTransaction, 'status' | 'createdAt'>[], retryDays: number[], dueOn: string, today: string): 'resume' | 'charge' | 'wait' {
  const last = attempts.at(-1);
  if (!last) return 'charge';
  if (last.status === 'pending') return 'resume';
  if (last.status !== 'failed') return 'wait';
  const lastDay = toDateString(last.createdAt);
  // The first retry day after the day of the last attempt; retryDays is ascending (the settings form sorts it).
  const next = [...retryDays].sort((a, b) => a - b).map((d) => addDays(dueOn, d)).find((day) => day > lastDay);
  return next !== undefined && next <= today ? 'charge' : 'wait';
}
