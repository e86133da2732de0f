'use client';

import { createContext, useActionState, useCallback, useContext, useEffect, useLayoutEffect, useRef } from 'react';
import type { ActionResult } from '@/lib/forms/action-result';
import { shouldFlash, useFlash } from './flash';

// The result type lives with the server-side helpers that build it; re-exported for the forms and actions using it.
export type { ActionResult };

const FormStateContext = createContext<ActionResult | null>(null);

/** The last result of the enclosing ActionForm's action (null before the first submit or outside a form). */
export function useActionFormState(): ActionResult | null {
  return useContext(FormStateContext);
}

/** A form bound to a server action: shows its message, field errors and keeps typed values. */
export function ActionForm(props: {
  action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  submitLabel: string;
  children?: React.ReactNode;
  className?: string;
  /** Red submit button, for destructive actions. */
  danger?: boolean;
  /** Put the submit button and the message on their own full-width row below the fields. */
  actionRow?: boolean;
}) {
  const { action } = props;
  const flash = useFlash();
  // What the action last returned and what this form last committed: a revalidatePath re-render may remove the
  // form in the same commit that would have shown the result, so the result has to reach the flash without it.
  const latest = useRef<ActionResult | null>(null);
  const shown = useRef<ActionResult | null>(null);
  const shownAt = useRef(0);
  const mounted = useRef(false);
  const run = useCallback(
    async (prev: ActionResult | null, data: FormData) => {
      const result = await action(prev, data);
      latest.current = result;
      // The new tree may already be committed without this form; then nothing else will show the result.
      if (!mounted.current && shouldFlash(result, null)) flash?.(result);
      return result;
    },
    [action, flash],
  );
  // Outside a FlashProvider the server action goes in untouched, keeping its no-JavaScript form submission.
  const [state, formAction, pending] = useActionState(flash ? run : action, null);
  // Layout effects run in the commit itself, so `shown` is current before the unmount check below can read it.
  useLayoutEffect(() => {
    shown.current = state;
    shownAt.current = performance.now();
  }, [state]);
  useLayoutEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (shouldFlash(latest.current, shown.current, performance.now() - shownAt.current)) flash?.(latest.current);
      // Handed over (or already seen): a later remount must not flash it again.
      shown.current = latest.current;
      shownAt.current = -Infinity;
    };
  }, [flash]);
  useEffect(() => {
    if (state?.ok && state.redirectTo) window.location.assign(state.redirectTo);
  }, [state]);
  const button = (
    <button
      type="submit"
      disabled={pending}
      className={`rounded ${props.danger ? 'bg-red-700' : 'bg-[var(--brand)]'} px-3 py-2 text-sm font-medium text-white disabled:opacity-60`}
    >
      {pending ? 'Working…' : props.submitLabel}
    </button>
  );
  const message = state?.message ? (
    <p role={state.ok ? 'status' : 'alert'} className={`${props.actionRow ? '' : 'w-full '}text-sm ${state.ok ? 'text-green-700' : 'text-red-700'}`}>
      {state.message}
    </p>
  ) : null;
  return (
    <FormStateContext.Provider value={state}>
      <form action={formAction} className={props.className ?? 'flex flex-wrap items-end gap-3'} noValidate>
        {props.children}
        {props.actionRow ? (
          <div className="flex w-full flex-wrap items-center gap-3">
            {button}
            {message}
          </div>
        ) : (
          <>
            {button}
            {message}
          </>
        )}
      </form>
    </FormStateContext.Provider>
  );
}

/** A labelled input inside an ActionForm; shows that field's error and keeps its value across submits. */
export function Field(props: {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string | null;
  autoComplete?: string;
  maxLength?: number;
  required?: boolean;
  className?: string;
}) {
  const state = useActionFormState();
  const error = state?.fieldErrors?.[props.name]?.[0];
  const keep = props.type !== 'password';
  const value = keep ? (state?.values?.[props.name] ?? props.defaultValue ?? '') : '';
  return (
    <label className={props.className ?? 'block w-full text-sm'}>
      <span className="block font-medium">{props.label}</span>
      <input
        key={`${props.name}:${value}`}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={value}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength ?? 200}
        required={props.required}
        aria-invalid={error ? true : undefined}
        className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
      />
      {error ? <span className="text-red-700">{`${props.label} ${error}`}</span> : null}
    </label>
  );
}
