'use client';

import { createContext, useActionState, useContext, useEffect } from 'react';
import type { ActionResult } from '@/components/ui/action-form';

/*
 * ActionForm's behaviour (message, field errors, typed values kept after a failed submit, redirectTo) for forms
 * with selects, checkboxes and textareas, whose state ActionForm keeps private. Used by the coupon, tax and
 * customer screens.
 */
const State = createContext<ActionResult | null>(null);

export function AdminForm(props: {
  action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  submitLabel: string;
  children?: React.ReactNode;
  className?: string;
  danger?: boolean;
}) {
  const [state, formAction, pending] = useActionState(props.action, null);
  useEffect(() => {
    if (state?.ok && state.redirectTo) window.location.assign(state.redirectTo);
  }, [state]);
  const button = props.danger ? 'bg-red-700' : 'bg-[var(--brand)]';
  return (
    <State.Provider value={state}>
      <form action={formAction} className={props.className ?? 'space-y-4'} noValidate>
        {props.children}
        <div className="flex w-full flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className={`rounded ${button} px-3 py-2 text-sm font-medium text-white disabled:opacity-60`}>
            {pending ? 'Working…' : props.submitLabel}
          </button>
          {state?.message ? (
            <p role={state.ok ? 'status' : 'alert'} className={`text-sm ${state.ok ? 'text-green-700' : 'text-red-700'}`}>
              {state.message}
            </p>
          ) : null}
        </div>
      </form>
    </State.Provider>
  );
}

/** The typed value after a failed submit (React resets the form), else the stored one; plus the field's error. */
function useField(name: string, stored: string | null | undefined) {
  const state = useContext(State);
  const submitted = !!state?.values && !state.ok;
  return { value: submitted ? (state!.values![name] ?? '') : (stored ?? ''), error: state?.fieldErrors?.[name]?.[0], submitted };
}

const inputClass = 'mt-1 w-full rounded border border-slate-300 px-3 py-2';

function ErrorText({ label, error }: { label: string; error?: string }) {
  return error ? <span className="block text-red-700">{`${label} ${error}`}</span> : null;
}

export function TextField(props: {
  name: string;
  label: string;
  defaultValue?: string | null;
  type?: string;
  maxLength?: number;
  hint?: string;
  className?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
  placeholder?: string;
}) {
  const { value, error } = useField(props.name, props.defaultValue);
  return (
    <label className={props.className ?? 'block w-full text-sm'}>
      <span className="block font-medium">{props.label}</span>
      <input
        key={`${props.name}:${value}`}
        name={props.name}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        defaultValue={value}
        maxLength={props.maxLength ?? 200}
        aria-invalid={error ? true : undefined}
        className={inputClass}
      />
      {props.hint ? <span className="block text-xs text-slate-500">{props.hint}</span> : null}
      <ErrorText label={props.label} error={error} />
    </label>
  );
}

export function TextArea(props: { name: string; label: string; defaultValue?: string | null; rows?: number; maxLength?: number; hint?: string }) {
  const { value, error } = useField(props.name, props.defaultValue);
  return (
    <label className="block w-full text-sm">
      <span className="block font-medium">{props.label}</span>
      <textarea
        key={`${props.name}:${value}`}
        name={props.name}
        rows={props.rows ?? 4}
        defaultValue={value}
        maxLength={props.maxLength ?? 2000}
        aria-invalid={error ? true : undefined}
        className={inputClass}
      />
      {props.hint ? <span className="block text-xs text-slate-500">{props.hint}</span> : null}
      <ErrorText label={props.label} error={error} />
    </label>
  );
}

export function SelectField(props: { name: string; label: string; options: { value: string; label: string }[]; defaultValue?: string | null; className?: string }) {
  const { value, error } = useField(props.name, props.defaultValue);
  return (
    <label className={props.className ?? 'block w-full text-sm'}>
      <span className="block font-medium">{props.label}</span>
      <select key={`${props.name}:${value}`} name={props.name} defaultValue={value} aria-invalid={error ? true : undefined} className={inputClass}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText label={props.label} error={error} />
    </label>
  );
}

export function CheckboxField(props: { name: string; label: string; defaultChecked?: boolean; hint?: string }) {
  const { value, error, submitted } = useField(props.name, props.defaultChecked ? 'on' : '');
  const checked = submitted ? value !== '' : !!props.defaultChecked;
  return (
    <label className="flex flex-wrap items-center gap-2 text-sm">
      <input key={`${props.name}:${checked}`} type="checkbox" name={props.name} defaultChecked={checked} />
      <span className="font-medium">{props.label}</span>
      {props.hint ? <span className="text-xs text-slate-500">{props.hint}</span> : null}
      <ErrorText label={props.label} error={error} />
    </label>
  );
}

/** Several checkboxes posting values under one name; after a failed submit the choices come back comma-joined. */
export function CheckboxList(props: { name: string; legend: string; items: { value: string; label: string }[]; checked: string[]; empty?: string; hint?: string }) {
  const { value, error, submitted } = useField(props.name, props.checked.join(','));
  const chosen = new Set((submitted ? value : props.checked.join(',')).split(',').filter(Boolean));
  return (
    <fieldset key={[...chosen].join(',')} className="w-full text-sm">
      <legend className="font-medium">{props.legend}</legend>
      {props.hint ? <p className="text-xs text-slate-500">{props.hint}</p> : null}
      {props.items.length === 0 ? <p className="text-slate-500">{props.empty ?? 'Nothing to choose yet.'}</p> : null}
      <div className="mt-1 flex max-h-48 flex-wrap gap-x-5 gap-y-1 overflow-y-auto">
        {props.items.map((i) => (
          <label key={i.value} className="flex items-center gap-2">
            <input type="checkbox" name={props.name} value={i.value} defaultChecked={chosen.has(i.value)} />
            <span>{i.label}</span>
          </label>
        ))}
      </div>
      <ErrorText label={props.legend} error={error} />
    </fieldset>
  );
}

/** Field errors for names no input shows (e.g. "amounts"), so they are not lost behind "Check the highlighted fields". */
export function FormErrors(props: { names: { name: string; label: string }[] }) {
  const state = useContext(State);
  const errors = props.names.flatMap((n) => (state?.fieldErrors?.[n.name] ?? []).map((e) => `${n.label} ${e}`));
  return errors.length ? (
    <ul role="alert" className="list-disc pl-5 text-sm text-red-700">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  ) : null;
}
