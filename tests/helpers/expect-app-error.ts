import { expect } from 'vitest';
import { AppError } from '@/lib/errors/app-error';

/** Awaits p and expects it to reject with an AppError of this code (and, if given, a message matching it). */
export async function expectAppError(p: Promise<unknown>, code: AppError['code'], message?: RegExp) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (message) expect((err as AppError).message).toMatch(message);
}

/** Awaits p, expects an AppError, and hands back its field errors (empty when it has none). */
export async function appErrorFields(p: Promise<unknown>): Promise<Record<string, string[]>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).fieldErrors ?? {};
}
