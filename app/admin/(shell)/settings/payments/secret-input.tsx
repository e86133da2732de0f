'use client';

import { useActionFormState } from '@/components/ui/action-form';

/**
 * A write-only secret input. Never prefilled, not even after a failed submit, and marked as a new password so the
 * browser does not autofill the staff member's own sign-in password into a gateway secret.
 */
export function SecretInput({ name, label, hint }: { name: string; label: string; hint: string }) {
  const state = useActionFormState();
  const error = state?.fieldErrors?.[name]?.[0];
  return (
    <label className="block w-96 text-sm">
      <span className="block font-medium">{label}</span>
      <input
        name={name}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        maxLength={500}
        aria-invalid={error ? true : undefined}
        className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
      />
      <span className="block text-xs text-slate-500">{hint}</span>
      {error ? <span className="block text-red-700">{`${label} ${error}`}</span> : null}
    </label>
  );
}
