import { createHash, randomInt } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { mfaRecoveryCodes } from '@/db/schema/storefront';
import { RECOVERY_ALPHABET } from './schemas';
import type { MfaPrincipal } from './totp';

export const RECOVERY_CODE_COUNT = 10;

function randomChunk(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return out;
}

/** xxxxx-xxxxx from a 31-character alphabet: about 49 bits each, enough for a code that works once. */
export function newRecoveryCode(): string {
  return `${randomChunk(5)}-${randomChunk(5)}`;
}

/** Codes are random, not chosen by people, so a plain SHA-256 suffices (no slow hash needed). */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** Replaces every recovery code of a principal with a fresh set; returns the plaintext codes, shown once. */
export async function replaceRecoveryCodes(tx: SfDb, p: MfaPrincipal): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newRecoveryCode());
  await tx.delete(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.principalType, p.type), eq(mfaRecoveryCodes.principalId, p.id)));
  await tx.insert(mfaRecoveryCodes).values([...codes].map((c) => ({ principalType: p.type, principalId: p.id, codeHash: hashRecoveryCode(c) })));
  return [...codes];
}

export async function countUnusedRecoveryCodes(db: SfDb, p: MfaPrincipal): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.principalType, p.type), eq(mfaRecoveryCodes.principalId, p.id), isNull(mfaRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}
