'use client';

import { useState, useTransition } from 'react';
import type { PasskeyChangeResult } from '@/lib/passkeys/action-results';

export interface PasskeyItem {
  id: number;
  name: string;
  /** ISO dates: props cross from the server page as plain JSON. */
  createdAt: string;
  lastUsedAt: string | null;
}

/** One passkey with its dates, and rename / remove (remove asks once more before it acts). */
export function PasskeyRow(props: {
  passkey: PasskeyItem;
  rename?: (input: { id: number; name: string }) => Promise<PasskeyChangeResult>;
  remove?: (input: { id: number }) => Promise<PasskeyChangeResult>;
  onChanged: () => void;
}) {
  const p = props.passkey;
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-remove'>('view');
  const [name, setName] = useState(p.name);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (fn: () => Promise<PasskeyChangeResult>) =>
    startTransition(async () => {
      setError(null);
      const r = await fn();
      if (!r.ok) return setError(r.message);
      setMode('view');
      props.onChanged();
    });

  const button = 'rounded border border-slate-300 px-2 py-1 text-xs font-medium disabled:opacity-60';
  return (
    <li className="space-y-2 px-3 py-2 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <span className="font-medium">{p.name}</span>
          <span className="ml-2 text-slate-600">
            added {p.createdAt.slice(0, 10)} · {p.lastUsedAt ? `last used ${p.lastUsedAt.slice(0, 10)}` : 'not used yet'}
          </span>
        </div>
        {mode === 'view' ? (
          <div className="flex gap-2">
            {props.rename ? (
              <button type="button" className={button} onClick={() => setMode('rename')} aria-label={`Rename ${p.name}`}>
                Rename
              </button>
            ) : null}
            {props.remove ? (
              <button type="button" className={button} onClick={() => setMode('confirm-remove')} aria-label={`Remove ${p.name}`}>
                Remove
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {mode === 'rename' && props.rename ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => props.rename!({ id: p.id, name }));
          }}
        >
          <label>
            <span className="block text-xs font-medium">New name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} className="mt-1 w-56 rounded border border-slate-300 px-2 py-1" />
          </label>
          <button type="submit" disabled={pending} className={button}>
            Save name
          </button>
          <button type="button" className={button} onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
      ) : null}
      {mode === 'confirm-remove' && props.remove ? (
        <div className="flex flex-wrap items-center gap-2">
          <span>Remove this passkey? It will no longer sign you in.</span>
          <button type="button" disabled={pending} className={`${button} border-red-300 text-red-700`} onClick={() => run(() => props.remove!({ id: p.id }))}>
            Confirm removal
          </button>
          <button type="button" className={button} onClick={() => setMode('view')}>
            Cancel
          </button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}
