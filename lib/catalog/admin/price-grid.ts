import { asc, eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { BILLING_CYCLES, currencies, type BillingCycle } from '@/db/schema/storefront/catalog';
import { parseMoney } from '@/lib/money/parse-money';
import { parseRatePrecise } from './parse-rate';
import { parseInput } from './parse-input';
import { priceCellsSchema, type PriceCellInput } from './schemas';

export interface GridPrice {
  currency: string;
  cycle: BillingCycle;
  amountMinor: number;
  setupFeeMinor: number;
  ratePrecise: string | null;
}

/** The form field name of one grid input; field errors come back under the same name. */
export function priceFieldName(kind: 'amount' | 'setupFee' | 'rate', currency: string, cycle: BillingCycle): string {
  return `${kind}:${currency}:${cycle}`;
}

/** Reads a prices grid's inputs back out of a submitted form. */
export function priceCellsFromForm(data: FormData): PriceCellInput[] {
  const cells = new Map<string, PriceCellInput>();
  for (const [name, value] of data.entries()) {
    const m = /^(amount|setupFee|rate):([A-Z]{3}):([a-z_]+)$/.exec(name);
    if (!m || typeof value !== 'string' || !(BILLING_CYCLES as readonly string[]).includes(m[3]!)) continue;
    const key = `${m[2]}:${m[3]}`;
    const cell = cells.get(key) ?? { currency: m[2]!, cycle: m[3] as BillingCycle };
    cell[m[1] as 'amount' | 'setupFee' | 'rate'] = value;
    cells.set(key, cell);
  }
  return [...cells.values()];
}

/** Enabled currencies, the columns of every prices grid. */
export async function gridCurrencies(db: SfDb) {
  return db
    .select({ code: currencies.code, minorDigits: currencies.minorDigits, locale: currencies.locale })
    .from(currencies)
    .where(eq(currencies.enabled, true))
    .orderBy(asc(currencies.sortOrder), asc(currencies.code));
}

/**
 * Parses a grid into price rows: a blank amount means "not offered" (and then fees must be blank too). Every bad
 * cell is reported under its own field name, so nothing is written unless the whole grid is valid.
 */
export function parsePriceGrid(input: unknown, enabled: { code: string; minorDigits: number }[], opts: { allowRate: boolean }): GridPrice[] {
  const cells = parseInput(priceCellsSchema, input);
  const digits = new Map(enabled.map((c) => [c.code, c.minorDigits]));
  const errors: Record<string, string[]> = {};
  const fail = (name: string, msg: string) => (errors[name] ??= []).push(msg);
  const seen = new Set<string>();
  const out: GridPrice[] = [];
  for (const cell of cells) {
    const d = digits.get(cell.currency);
    const amountName = priceFieldName('amount', cell.currency, cell.cycle);
    if (d === undefined) {
      fail(amountName, `is in ${cell.currency}, which is not an enabled currency`);
      continue;
    }
    const key = `${cell.currency}:${cell.cycle}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const amount = parseMoney(cell.amount, d);
    const setup = parseMoney(cell.setupFee, d);
    const rate = opts.allowRate && cell.cycle === 'hourly' ? parseRatePrecise(cell.rate) : ({ ok: true, rate: null } as const);
    if (!opts.allowRate && cell.rate?.trim()) fail(priceFieldName('rate', cell.currency, cell.cycle), 'is only for hourly plan prices');
    if (!amount.ok) fail(amountName, amount.error);
    if (!setup.ok) fail(priceFieldName('setupFee', cell.currency, cell.cycle), setup.error);
    if (!rate.ok) fail(priceFieldName('rate', cell.currency, cell.cycle), rate.error);
    if (!amount.ok || !setup.ok || !rate.ok) continue;
    if (amount.minor === null) {
      if (setup.minor !== null) fail(amountName, 'is needed when there is a setup fee');
      if (rate.rate !== null) fail(amountName, 'is needed when there is a precise rate');
      continue;
    }
    out.push({ currency: cell.currency, cycle: cell.cycle, amountMinor: amount.minor, setupFeeMinor: setup.minor ?? 0, ratePrecise: rate.rate });
  }
  if (Object.keys(errors).length) throw new AppError('bad_request', 'Check the highlighted prices.', errors);
  return out;
}

/** Before/after of the changed cells only, keyed "USD:monthly"; a removed or new price shows as null. */
export function priceDiff(before: GridPrice[], after: GridPrice[]): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const norm = (p: GridPrice) => ({ amountMinor: p.amountMinor, setupFeeMinor: p.setupFeeMinor, ...(p.ratePrecise !== null ? { ratePrecise: p.ratePrecise } : {}) });
  const b = new Map(before.map((p) => [`${p.currency}:${p.cycle}`, norm(p)]));
  const a = new Map(after.map((p) => [`${p.currency}:${p.cycle}`, norm(p)]));
  const outB: Record<string, unknown> = {};
  const outA: Record<string, unknown> = {};
  for (const key of new Set([...b.keys(), ...a.keys()])) {
    if (JSON.stringify(b.get(key)) === JSON.stringify(a.get(key))) continue;
    outB[key] = b.get(key) ?? null;
    outA[key] = a.get(key) ?? null;
  }
  return Object.keys(outA).length ? { before: { prices: outB }, after: { prices: outA } } : null;
}
