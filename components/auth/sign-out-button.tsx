'use client';

import { useTransition } from 'react';

/** Ends the session on the server, then loads the sign-in page through the host proxy. */
export function SignOutButton({ action }: { action: () => Promise<void> }) {
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() =>
        start(async () => {
          await action();
          window.location.assign('/sign-in');
        })
      }
      className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-60"
    >
      Sign out
    </button>
  );
}
