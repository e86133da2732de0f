'use client';

import { useActionState, useEffect } from 'react';

export interface FormState {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** Echoed back so the field keeps it: React resets a form after its action runs. */
  email?: string;
  /** Where to go after success: a full navigation, so the request passes the host proxy like any other. */
  redirectTo?: string;
}

export function SignInForm({ action, title, next }: { action: (prev: FormState, data: FormData) => Promise<FormState>; title: string; next?: '/cart' }) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  useEffect(() => {
    if (state.ok && state.redirectTo) window.location.assign(state.redirectTo);
  }, [state]);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h1 className="text-2xl font-semibold">{title}</h1>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.message && !state.ok ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <label className="block">
        <span className="text-sm font-medium">Email</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={254}
          defaultValue={state.email ?? ''}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
        {state.fieldErrors?.email ? <span className="text-sm text-red-700">Email {state.fieldErrors.email[0]}</span> : null}
      </label>
      <label className="block">
        <span className="text-sm font-medium">Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
        {state.fieldErrors?.password ? <span className="text-sm text-red-700">Password {state.fieldErrors.password[0]}</span> : null}
      </label>
      <button type="submit" disabled={pending || Boolean(state.redirectTo)} className="w-full rounded bg-[var(--brand)] px-4 py-2 font-medium text-white disabled:opacity-60">
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
