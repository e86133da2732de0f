import { parseMoney } from '@/lib/money/parse-money';

export type RefundAmountParse = { ok: true; minor: number | undefined } | { ok: false; error: string };

/**
 * A refund amount staff typed in major units ("12.50") → integer minor units with the currency's digits, by string
 * arithmetic only. Blank means "everything not yet refunded" (undefined); zero is refused rather than sent.
 */
export function parseRefundAmount(text: string | null | undefined, minorDigits: number): RefundAmountParse {
  const parsed = parseMoney(text, minorDigits);
  if (!parsed.ok) return parsed;
  if (parsed.minor === null) return { ok: true, minor: undefined };
  if (parsed.minor === 0) return { ok: false, error: 'must be more than zero' };
  return { ok: true, minor: parsed.minor };
}
