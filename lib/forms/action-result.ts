import type { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from './field-errors';

/** What a server action returns to its ActionForm (components/ui/action-form.tsx). */
export interface ActionResult {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What was typed, so fields keep it: React resets a form after its action runs. */
  values?: Record<string, string>;
  /** Full navigation after success, so the next request passes the host proxy. */
  redirectTo?: string;
}

/** The submitted text fields (never passwords), so the form can show them again. */
export function formValues(data: FormData, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = data.get(n);
    if (typeof v === 'string' && !/password/i.test(n)) out[n] = v.slice(0, 500);
  }
  return out;
}

export function formInput(data: FormData, names: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const n of names) {
    const v = data.get(n);
    out[n] = typeof v === 'string' ? v : undefined;
  }
  return out;
}

export function invalid(error: z.ZodError, values: Record<string, string>): ActionResult {
  return { ok: false, message: 'Check the highlighted fields.', fieldErrors: fieldErrorsOf(error), values };
}

/** Turns an AppError into the form's message; anything else is a bug and propagates. */
export function failed(err: unknown, values: Record<string, string>): ActionResult {
  if (err instanceof AppError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors, values };
  throw err;
}
