'use client';

import { useActionState } from 'react';

export interface ActionResult {
  ok: boolean;
  message?: string;
}

/** A form bound to a server action that shows the action's success or error message. */
export function ActionForm(props: {
  action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  submitLabel: string;
  children?: React.ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, null);
  return (
    <form action={formAction} className={props.className ?? 'flex flex-wrap items-end gap-3'} noValidate>
      {props.children}
      <button type="submit" disabled={pending} className="rounded bg-[var(--brand)] px-3 py-2 text-sm font-medium text-white disabled:opacity-60">
        {pending ? 'Working…' : props.submitLabel}
      </button>
      {state?.message ? (
        <p role={state.ok ? 'status' : 'alert'} className={`w-full text-sm ${state.ok ? 'text-green-700' : 'text-red-700'}`}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
