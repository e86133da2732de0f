'use client';

import { startRegistration } from '@simplewebauthn/browser';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { PasskeyChangeResult, RegistrationOptionsResult } from '@/lib/passkeys/action-results';
import { PasskeyRow, type PasskeyItem } from './passkey-row';
import { describeWebAuthnError } from './webauthn-errors';

export type { PasskeyItem };

/**
 * Lists a person's passkeys and adds new ones; renaming and removing appear only where the page passes them.
 * With afterAddHref the page moves on after the first passkey (the staff enrolment step).
 */
export function PasskeyManager(props: {
  passkeys: PasskeyItem[];
  start: () => Promise<RegistrationOptionsResult>;
  finish: (input: { name: string; response: unknown }) => Promise<PasskeyChangeResult>;
  rename?: (input: { id: number; name: string }) => Promise<PasskeyChangeResult>;
  remove?: (input: { id: number }) => Promise<PasskeyChangeResult>;
  afterAddHref?: string;
  /** Shown instead of the add form when adding is not open yet (e.g. the "confirm it's you" step). */
  addGate?: React.ReactNode;
}) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const add = () =>
    startTransition(async () => {
      setMessage(null);
      if (!name.trim()) return setMessage({ ok: false, text: 'Give the passkey a name.' });
      const started = await props.start();
      if (!started.ok) return setMessage({ ok: false, text: started.message });
      let response: unknown;
      try {
        response = await startRegistration({ optionsJSON: started.options });
      } catch (err) {
        return setMessage({ ok: false, text: describeWebAuthnError(err, 'add') });
      }
      const finished = await props.finish({ name, response });
      if (!finished.ok) return setMessage({ ok: false, text: finished.message });
      setName('');
      setMessage({ ok: true, text: 'Passkey added.' });
      if (props.afterAddHref) window.location.assign(props.afterAddHref);
      else router.refresh();
    });

  return (
    <div className="space-y-4">
      {props.passkeys.length ? (
        <ul aria-label="Passkeys" className="divide-y divide-slate-200 rounded border border-slate-200">
          {props.passkeys.map((p) => (
            <PasskeyRow key={p.id} passkey={p} rename={props.rename} remove={props.remove} onChanged={() => router.refresh()} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">No passkeys yet.</p>
      )}
      {props.addGate ?? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
          noValidate
        >
          <label className="text-sm">
            <span className="block font-medium">Passkey name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={60}
              placeholder="e.g. Work laptop"
              className="mt-1 w-56 rounded border border-slate-300 px-3 py-2"
            />
          </label>
          <button type="submit" disabled={pending} className="rounded bg-[var(--brand)] px-3 py-2 text-sm font-medium text-white disabled:opacity-60">
            {pending ? 'Waiting for your passkey…' : 'Add a passkey'}
          </button>
        </form>
      )}
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={`text-sm ${message.ok ? 'text-green-700' : 'text-red-700'}`}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
