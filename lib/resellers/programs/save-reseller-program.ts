import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { AuditActor } from '@/lib/audit/record-audit';
import type { CentralDb } from '@/lib/db/connection';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { resellerProgramFees, resellerPrograms } from '@/db/schema/central';
import { recordPlatformAudit } from '../record-platform-audit';
import { saveProgramSchema, type SaveProgramInput } from '../schemas';

type FeeMap = Record<string, number>;

const feeMap = (fees: readonly { currency: string; monthlyFeeMinor: number }[]): FeeMap =>
  Object.fromEntries([...fees].sort((a, b) => a.currency.localeCompare(b.currency)).map((f) => [f.currency, f.monthlyFeeMinor]));

/**
 * Creates a reseller program (no programId) or replaces one's settings and fees, with before and after in the
 * platform's audit log. Fees are per currency in minor units; a currency left out is not offered.
 */
export async function saveResellerProgram(central: CentralDb, opts: { programId?: number; input: SaveProgramInput; actor: AuditActor }): Promise<{ programId: number }> {
  const parsed = saveProgramSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { fees, ...program } = parsed.data;
  try {
    return await central.transaction(async (tx) => {
      let programId: number;
      let before: Record<string, unknown> | null = null;
      if (opts.programId === undefined) {
        const [res] = await tx.insert(resellerPrograms).values(program);
        programId = res.insertId;
      } else {
        const [current] = await tx.select().from(resellerPrograms).where(eq(resellerPrograms.id, opts.programId)).for('update');
        if (!current) throw new AppError('not_found', 'That program does not exist.');
        const currentFees = await tx.select().from(resellerProgramFees).where(eq(resellerProgramFees.programId, current.id));
        before = { slug: current.slug, name: current.name, active: current.active, unpaidDaysBeforeSuspension: current.unpaidDaysBeforeSuspension, fees: feeMap(currentFees) };
        programId = current.id;
        await tx.update(resellerPrograms).set(program).where(eq(resellerPrograms.id, programId));
      }
      const currencies = fees.map((f) => f.currency);
      await tx
        .delete(resellerProgramFees)
        .where(currencies.length ? and(eq(resellerProgramFees.programId, programId), notInArray(resellerProgramFees.currency, currencies)) : eq(resellerProgramFees.programId, programId));
      if (fees.length) {
        await tx
          .insert(resellerProgramFees)
          .values(fees.map((f) => ({ programId, ...f })))
          .onDuplicateKeyUpdate({ set: { monthlyFeeMinor: sql`VALUES(${resellerProgramFees.monthlyFeeMinor})` } });
      }
      await recordPlatformAudit(tx, {
        actor: opts.actor,
        action: opts.programId === undefined ? 'reseller_program.created' : 'reseller_program.updated',
        target: { type: 'reseller_program', id: programId },
        before,
        after: { ...program, fees: feeMap(fees) },
      });
      return { programId };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', `A program with the slug "${program.slug}" already exists.`, { slug: ['is taken'] });
    throw err;
  }
}
