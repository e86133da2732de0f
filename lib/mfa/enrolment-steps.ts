import type { StorefrontDb } from '@/lib/db/connection';
import type { AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { confirmTotpEnrolment } from './confirm-totp-enrolment';
import { startTotpEnrolment } from './start-totp-enrolment';
import type { MfaPrincipal } from './totp';

// The bodies of the "start" and "confirm" server actions, shared by the customer security page and the
// staff enrolment page; AppErrors become form messages, anything else is a real failure.

export type StartStep = { ok: true; qrDataUrl: string; manualKey: string } | { ok: false; message: string };
export type ConfirmStep = { ok: true; recoveryCodes: string[] } | { ok: false; message: string };

export async function startEnrolmentStep(db: StorefrontDb, opts: { principal: MfaPrincipal; sessionId: number; accountLabel: string; issuer: string }): Promise<StartStep> {
  try {
    const e = await startTotpEnrolment(db, opts);
    return { ok: true, qrDataUrl: e.qrDataUrl, manualKey: e.manualKey };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
}

export async function confirmEnrolmentStep(db: StorefrontDb, opts: { principal: MfaPrincipal; sessionId: number; code: unknown; actor: AuditActor }): Promise<ConfirmStep> {
  try {
    return { ok: true, ...(await confirmTotpEnrolment(db, opts)) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
}
