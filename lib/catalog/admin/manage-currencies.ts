import { eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { configOptionPrices, couponAmounts, currencies, planPrices } from '@/db/schema/storefront/catalog';
import { creditLedger, invoices, orders, paymentTransactions, services } from '@/db/schema/storefront';
import { changedFields, parseInput, rethrowDuplicate } from './parse-input';
import { addCurrencySchema, updateCurrencySchema, type AddCurrencyInput, type UpdateCurrencyInput } from './schemas';

const codeSchema = z.string().regex(/^[A-Z]{3}$/, 'is not valid');

/**
 * The ISO 4217 exponent as Intl knows it (JPY 0, BHD 3, most 2): only the suggestion for a new row left blank. From
 * then on the row's minorDigits is the one source of the currency's digits, for formatting and every gateway.
 */
function isoMinorDigits(code: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Adds a currency (never the default: make it the default afterwards). */
export async function addCurrency(db: SfDb, opts: { input: AddCurrencyInput; actor: AuditActor }): Promise<{ code: string }> {
  const parsed = parseInput(addCurrencySchema, opts.input);
  const input = { ...parsed, minorDigits: parsed.minorDigits ?? isoMinorDigits(parsed.code), isDefault: false };
  try {
    return await db.transaction(async (tx) => {
      await tx.insert(currencies).values(input);
      await recordAudit(tx, { actor: opts.actor, action: 'catalog.currency.created', target: { type: 'currency', id: input.code }, after: input });
      return { code: input.code };
    });
  } catch (err) {
    rethrowDuplicate(err, 'code', `${input.code} is already in the list.`);
  }
}

/**
 * Edits a currency. The default currency cannot be disabled, and the number of minor digits is frozen once any
 * price uses the currency, because every stored amount would silently change its value.
 */
export async function updateCurrency(db: SfDb, opts: { input: UpdateCurrencyInput; actor: AuditActor }): Promise<{ changed: boolean }> {
  const input = parseInput(updateCurrencySchema, opts.input);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(currencies).where(eq(currencies.code, input.code)).for('update');
    if (!row) throw new AppError('not_found', 'That currency does not exist.');
    const { code: _code, ...fields } = input;
    const diff = changedFields(row, fields);
    if (!diff) return { changed: false };
    if (row.isDefault && !input.enabled) {
      throw new AppError('conflict', `${row.code} is the default currency; make another currency the default first.`, { enabled: ['cannot be off for the default currency'] });
    }
    if ('minorDigits' in diff.after && (await amountsExist(tx, row.code))) {
      throw new AppError('conflict', `Amounts exist in ${row.code}; changing its minor digits would change every one of them.`, { minorDigits: ['cannot change once prices or amounts exist'] });
    }
    await tx.update(currencies).set(fields).where(eq(currencies.code, row.code));
    await recordAudit(tx, { actor: opts.actor, action: 'catalog.currency.updated', target: { type: 'currency', id: row.code }, ...diff });
    return { changed: true };
  });
}

/** Any stored amount in the currency: prices, and (as the row's digits format and convert them) money already billed. */
async function amountsExist(db: SfDb, code: string): Promise<boolean> {
  const counts = await Promise.all(
    [planPrices, configOptionPrices, couponAmounts, services, orders, invoices, creditLedger, paymentTransactions].map(async (t) => {
      const [r] = await db.select({ n: sql<number>`count(*)` }).from(t).where(eq(t.currency, code));
      return Number(r?.n ?? 0);
    }),
  );
  return counts.some((n) => n > 0);
}

/** Makes an enabled currency the one default: every currency row is locked so exactly one default remains. */
export async function setDefaultCurrency(db: SfDb, opts: { code: string; actor: AuditActor }): Promise<{ changed: boolean }> {
  const code = parseInput(codeSchema, opts.code);
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(currencies).for('update');
    const target = rows.find((r) => r.code === code);
    if (!target) throw new AppError('not_found', 'That currency does not exist.');
    if (!target.enabled) throw new AppError('conflict', `Enable ${code} before making it the default.`);
    const previous = rows.filter((r) => r.isDefault).map((r) => r.code);
    if (target.isDefault && previous.length === 1) return { changed: false };
    await tx.update(currencies).set({ isDefault: false }).where(ne(currencies.code, code));
    await tx.update(currencies).set({ isDefault: true }).where(eq(currencies.code, code));
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'catalog.currency.default_changed',
      target: { type: 'currency', id: code },
      before: { default: previous.join(',') || null },
      after: { default: code },
    });
    return { changed: true };
  });
}
