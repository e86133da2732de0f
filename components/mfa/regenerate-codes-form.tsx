'use client';

import { useActionState } from 'react';
import { RecoveryCodesList } from './recovery-codes-list';

type Result = { ok: true; recoveryCodes: string[] } | { ok: false; message: string };

/** Asks for a current code and shows the new recovery codes once. */
export function RegenerateCodesForm({ action }: { action: (prev: Result | null, data: FormData) => Promise<Result> }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) return <RecoveryCodesList codes={state.recoveryCodes} />;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" noValidate>
      <label className="text-sm">
        <span className="block font-medium">Code from the app</span>
        <input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={20} required className="mt-1 w-40 rounded border border-slate-300 px-3 py-2 font-mono" />
      </label>
      <button type="submit" disabled={pending} className="rounded bg-[var(--brand)] px-3 py-2 text-sm font-medium text-white disabled:opacity-60">
        {pending ? 'Working…' : 'New recovery codes'}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
