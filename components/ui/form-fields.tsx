'use client';

import { useActionFormState } from './action-form';

/*
 * Richer fields for an ActionForm: text inputs with hints, textareas, selects, checkboxes and checkbox lists.
 * Each shows its field error and, after a failed submit, what was typed (React resets the form after its action).
 */

/** The typed value after a failed submit, else the stored one; plus the field's error. */
function useField(name: string, stored: string | null | undefined): { value: string; error: string | undefined; submitted: boolean } {
  const state = useActionFormState();
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
  /** Label only for screen readers (e.g. inside a grid whose headers say what the input is). */
  srOnlyLabel?: boolean;
  inputMode?: 'decimal' | 'numeric' | 'text';
  placeholder?: string;
}) {
  const { value, error } = useField(props.name, props.defaultValue);
  return (
    <label className={props.className ?? 'block w-full text-sm'}>
      <span className={props.srOnlyLabel ? 'sr-only' : 'block font-medium'}>{props.label}</span>
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

export function TextArea(props: { name: string; label: string; defaultValue?: string | null; rows?: number; maxLength?: number; hint?: string; mono?: boolean }) {
  const { value, error } = useField(props.name, props.defaultValue);
  return (
    <label className="block w-full text-sm">
      <span className="block font-medium">{props.label}</span>
      <textarea
        key={`${props.name}:${value}`}
        name={props.name}
        rows={props.rows ?? 4}
        defaultValue={value}
        maxLength={props.maxLength ?? 5000}
        aria-invalid={error ? true : undefined}
        className={props.mono ? `${inputClass} font-mono text-xs` : inputClass}
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
  const state = useActionFormState();
  const errors = props.names.flatMap((n) => (state?.fieldErrors?.[n.name] ?? []).map((e) => `${n.label} ${e}`));
  return errors.length ? (
    <ul role="alert" className="list-disc pl-5 text-sm text-red-700">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  ) : null;
}
