'use client';

import { useActionState, useEffect } from 'react';

export interface TwoFactorState {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** The pending sign-in was revoked (too many wrong codes) or has expired: only the password step is left. */
  signInAgain?: boolean;
  redirectTo?: string;
}

/** The second sign-in step: a code from the authenticator app or a recovery code. */
export function TwoFactorForm({ action }: { action: (prev: TwoFactorState, data: FormData) => Promise<TwoFactorState> }) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  useEffect(() => {
    // A full navigation, so the next page passes the host proxy like any other request.
    if (state.ok && state.redirectTo) window.location.assign(state.redirectTo);
  }, [state]);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h1 className="text-2xl font-semibold">Two-factor authentication</h1>
      <p className="text-sm text-slate-600">Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
      {state.message && !state.ok ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      {state.signInAgain ? (
        <a href="/sign-in" className="inline-block font-medium text-[var(--brand)] underline">
          Sign in again
        </a>
      ) : (
        <>
          <label className="block">
            <span className="text-sm font-medium">Authentication code</span>
            <input
              name="code"
              type="text"
              inputMode="text"
              autoComplete="one-time-code"
              autoFocus
              required
              maxLength={20}
              className="mt-1 w-full rounded border border-slate-300 px-3 py-2 font-mono tracking-wider"
            />
          </label>
          <button type="submit" disabled={pending || Boolean(state.redirectTo)} className="w-full rounded bg-[var(--brand)] px-4 py-2 font-medium text-white disabled:opacity-60">
            {pending ? 'Checking…' : 'Verify'}
          </button>
          <a href="/sign-in" className="block text-center text-sm text-slate-600 underline">
            Use another account
          </a>
        </>
      )}
    </form>
  );
}
