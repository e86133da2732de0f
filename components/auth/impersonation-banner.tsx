'use client';

import { useTransition } from 'react';

/** Shown on every account page while staff are signed in as the customer. */
export function ImpersonationBanner(props: { customerEmail: string; staffEmail: string; reason: string; end: () => Promise<string> }) {
  const [pending, start] = useTransition();
  return (
    <div role="status" className="bg-amber-400 px-6 py-2 text-sm text-amber-950">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3">
        <span>
          <strong>Staff view:</strong> {props.staffEmail} is signed in as {props.customerEmail}. Reason: {props.reason}
        </span>
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              window.location.assign(await props.end());
            })
          }
          className="rounded bg-amber-950 px-3 py-1 font-medium text-amber-50 disabled:opacity-60"
        >
          End staff view
        </button>
      </div>
    </div>
  );
}
