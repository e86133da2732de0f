import { taxRules } from '@/db/schema/storefront';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';

/**
 * Standard VAT rates of the 27 EU member states in thousandths of a percent, as in force from 1 August 2025
 * (Finland 25.5 % since Sept 2024, Slovakia 23 % since Jan 2025, Estonia 24 % since July 2025, Romania 21 % since
 * Aug 2025). Greece is ISO 'GR' here, although VAT numbers use the prefix 'EL'. Rates change: staff edit them on
 * the tax page, and seeding never overwrites an existing rule.
 */
export const EU_STANDARD_VAT_RATES = {
  AT: 20_000,
  BE: 21_000,
  BG: 20_000,
  CY: 19_000,
  CZ: 21_000,
  DE: 19_000,
  DK: 25_000,
  EE: 24_000,
  ES: 21_000,
  FI: 25_500,
  FR: 20_000,
  GR: 24_000,
  HR: 25_000,
  HU: 27_000,
  IE: 23_000,
  IT: 22_000,
  LT: 21_000,
  LU: 17_000,
  LV: 21_000,
  MT: 18_000,
  NL: 21_000,
  PL: 23_000,
  PT: 23_000,
  RO: 21_000,
  SE: 25_000,
  SI: 22_000,
  SK: 23_000,
} as const satisfies Record<string, number>;

export type EuCountry = keyof typeof EU_STANDARD_VAT_RATES;

export interface TaxRuleSeed {
  country: string;
  region?: string;
  name: string;
  rateMilliPercent: number;
  active?: boolean;
}

/** The EU standard rates as seeds named "VAT", for ensureTaxRules. */
export function euStandardVatRules(): TaxRuleSeed[] {
  return Object.entries(EU_STANDARD_VAT_RATES).map(([country, rateMilliPercent]) => ({ country, name: 'VAT', rateMilliPercent }));
}

/**
 * Inserts the rules whose place (country + region) has none yet and leaves existing ones untouched, so running it
 * again changes nothing. Each inserted rule is audited as tax_rule.created. Returns how many were inserted.
 */
export async function ensureTaxRules(db: SfDb, rules: readonly TaxRuleSeed[], actor: AuditActor = SYSTEM_ACTOR): Promise<number> {
  return db.transaction(async (tx) => {
    let inserted = 0;
    for (const rule of rules) {
      // INSERT IGNORE would also swallow bad data, so seeds are checked first.
      if (!/^[A-Za-z]{2}$/.test(rule.country) || !Number.isInteger(rule.rateMilliPercent) || rule.rateMilliPercent < 0 || rule.rateMilliPercent > 100_000) {
        throw new Error(`Invalid tax rule seed for ${rule.country}: ${rule.rateMilliPercent}`);
      }
      const values = { country: rule.country.toUpperCase(), region: rule.region ?? '', name: rule.name, rateMilliPercent: rule.rateMilliPercent, active: rule.active ?? true };
      const [res] = await tx.insert(taxRules).ignore().values(values);
      if (res.affectedRows !== 1) continue;
      inserted++;
      await recordAudit(tx, { actor, action: 'tax_rule.created', target: { type: 'tax_rule', id: res.insertId }, after: values });
    }
    return inserted;
  });
}
