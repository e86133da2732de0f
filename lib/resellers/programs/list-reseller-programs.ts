import { asc, count, eq, inArray } from 'drizzle-orm';
import type { CentralHandle } from '@/lib/db/connection';
import { resellerProgramFees, resellerPrograms, resellers, type ResellerProgram } from '@/db/schema/central';

export interface ProgramView {
  program: ResellerProgram;
  /** Monthly platform fee in minor units by currency, in currency order. */
  fees: { currency: string; monthlyFeeMinor: number }[];
  resellers: number;
}

/** Every reseller program (inactive ones too) with its fees and how many resellers are on it. */
export async function listResellerPrograms(central: CentralHandle, opts: { programId?: number } = {}): Promise<ProgramView[]> {
  const programs = await central
    .select()
    .from(resellerPrograms)
    .where(opts.programId === undefined ? undefined : eq(resellerPrograms.id, opts.programId))
    .orderBy(asc(resellerPrograms.id));
  if (programs.length === 0) return [];
  const ids = programs.map((p) => p.id);
  const [fees, counts] = await Promise.all([
    central.select().from(resellerProgramFees).where(inArray(resellerProgramFees.programId, ids)).orderBy(asc(resellerProgramFees.currency)),
    central.select({ programId: resellers.programId, n: count() }).from(resellers).where(inArray(resellers.programId, ids)).groupBy(resellers.programId),
  ]);
  return programs.map((program) => ({
    program,
    fees: fees.filter((f) => f.programId === program.id).map(({ currency, monthlyFeeMinor }) => ({ currency, monthlyFeeMinor })),
    resellers: Number(counts.find((c) => c.programId === program.id)?.n ?? 0),
  }));
}
