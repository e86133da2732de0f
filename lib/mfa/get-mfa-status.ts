import type { SfDb } from '@/lib/db/connection';
import { countUnusedRecoveryCodes } from './recovery-codes';
import { findTotp, type MfaPrincipal } from './totp';

export interface MfaStatus {
  totpEnabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

export async function getMfaStatus(db: SfDb, p: MfaPrincipal): Promise<MfaStatus> {
  const row = await findTotp(db, p);
  if (!row?.confirmedAt) return { totpEnabled: false, enabledAt: null, recoveryCodesLeft: 0 };
  return { totpEnabled: true, enabledAt: row.confirmedAt, recoveryCodesLeft: await countUnusedRecoveryCodes(db, p) };
}
