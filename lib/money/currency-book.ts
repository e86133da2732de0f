import { AppError } from '@/lib/errors/app-error';
import { formatMoney } from './format';

/** A storefront's currency row as formatting and conversion read it. */
export interface CurrencyFormat {
  code: string;
  /** currencies.minorDigits: how many of the stored *_minor units make one unit of the currency. */
  minorDigits: number;
  locale: string;
}

/**
 * A storefront's currencies, read once (per request, per billing pass, per webhook delivery) so formatting many
 * amounts costs no query per amount. The one answer to "how many decimals has this currency here".
 */
export interface CurrencyBook {
  /** The currency's row; AppError when the storefront has no such currency. */
  get(code: string): CurrencyFormat;
  has(code: string): boolean;
  digits(code: string): number;
  /**
   * With the row's digits and locale (or `locale`). A currency the storefront has no row for (a gateway reporting
   * one we don't sell in) is shown as its plain minor units, never with guessed decimals.
   */
  format(amountMinor: number, code: string, locale?: string): string;
}

/**
 * A currency row's digits read through a left join next to an amount. Currency rows are never deleted and every
 * amount is written in a currency that has one, so a missing row is a broken database, not something to guess around.
 */
export function joinedDigits(code: string, digits: number | null): number {
  if (digits === null) throw new Error(`currency ${code} has no row in currencies`);
  return digits;
}

export function currencyBook(rows: readonly CurrencyFormat[]): CurrencyBook {
  const byCode = new Map(rows.map((r) => [r.code.toUpperCase(), r]));
  const find = (code: string) => byCode.get(code.toUpperCase());
  const get = (code: string): CurrencyFormat => {
    const row = find(code);
    if (!row) throw new AppError('bad_request', `${code.toUpperCase()} is not a currency of this store.`);
    return row;
  };
  return {
    get,
    has: (code) => find(code) !== undefined,
    digits: (code) => get(code).minorDigits,
    format(amountMinor, code, locale) {
      const row = find(code);
      if (!row) return `${amountMinor} ${code.toUpperCase()} (minor units)`;
      return formatMoney(amountMinor, row.code, locale ?? row.locale, row.minorDigits);
    },
  };
}
