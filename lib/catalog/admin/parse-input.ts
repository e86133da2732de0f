import type { z } from 'zod';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';

/** Validates an operation's input; bad input becomes a 400 AppError with field errors for the form. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const res = schema.safeParse(input);
  if (!res.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(res.error));
  return res.data;
}

/** The fields whose values differ, as audit before/after; null when nothing changed. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

/** Turns a unique-key violation into a 409 naming the field; anything else propagates. */
export function rethrowDuplicate(err: unknown, field: string, message: string): never {
  if (isDuplicateKeyError(err)) throw new AppError('conflict', message, { [field]: ['is already in use'] });
  throw err;
}
