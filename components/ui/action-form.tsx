'use client';

import { createContext, useActionState, useContext, useEffect } from 'react';

export interface ActionResult {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What was typed, so fields keep it: React resets a form after its action runs. */
  values?: Record<string, string>;
  /** Full navigation after success, so the next request passes the host proxy. */
  redirectTo?: string;
}

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
  const [state, formAction, pending] = useActionState(props.action, null);
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
