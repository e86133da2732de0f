'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { useState, useTransition } from 'react';
import type { SignInFinishResult, SignInOptionsResult } from '@/lib/passkeys/action-results';
import { describeWebAuthnError } from './webauthn-errors';

/** Signs in with a discoverable passkey alone: the authenticator offers the account, nothing is typed. */
export function PasskeySignInButton(props: { start: () => Promise<SignInOptionsResult>; finish: (response: unknown) => Promise<SignInFinishResult> }) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [done, setDone] = useState(false);

  const signIn = () =>
    startTransition(async () => {
      setMessage(null);
      const started = await props.start();
      if (!started.ok) return setMessage(started.message);
      let response: unknown;
      try {
        response = await startAuthentication({ optionsJSON: started.options });
      } catch (err) {
        return setMessage(describeWebAuthnError(err, 'sign-in'));
      }
      const finished = await props.finish(response);
      if (!finished.ok) return setMessage(finished.message);
      setDone(true);
      // A full navigation, so the next request passes the host proxy like any other.
      window.location.assign(finished.redirectTo);
    });

  return (
    <div className="mt-4 space-y-2">
      <button
        type="button"
        onClick={signIn}
        disabled={pending || done}
        className="w-full rounded border border-[var(--brand)] px-4 py-2 font-medium text-[var(--brand)] disabled:opacity-60"
      >
        {pending || done ? 'Waiting for your passkey…' : 'Continue with a passkey'}
      </button>
      {message ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      ) : null}
    </div>
  );
}
