'use client';

import { useActionState, useState, useTransition } from 'react';
import { RecoveryCodesList } from './recovery-codes-list';

export type StartEnrolmentResult = { ok: true; qrDataUrl: string; manualKey: string } | { ok: false; message: string };
export type ConfirmEnrolmentResult = { ok: true; recoveryCodes: string[] } | { ok: false; message: string };

/**
 * Sets up an authenticator app: start (new secret, QR code and key), confirm with a code, then show the
 * recovery codes once and offer a full navigation onwards.
 */
export function TotpEnrolment(props: {
  start: () => Promise<StartEnrolmentResult>;
  confirm: (prev: ConfirmEnrolmentResult | null, data: FormData) => Promise<ConfirmEnrolmentResult>;
  doneHref: string;
  doneLabel: string;
}) {
  const [started, setStarted] = useState<StartEnrolmentResult | null>(null);
  const [starting, startTransition] = useTransition();
  const [confirmed, confirmAction, confirming] = useActionState(props.confirm, null);

  if (confirmed?.ok) {
    return (
      <div className="space-y-4">
        <p role="status" className="text-sm text-green-700">
          Two-factor authentication is on.
        </p>
        <RecoveryCodesList codes={confirmed.recoveryCodes} />
        <a href={props.doneHref} className="inline-block rounded bg-[var(--brand)] px-4 py-2 text-sm font-medium text-white">
          {props.doneLabel}
        </a>
      </div>
    );
  }

  const enrolment = started?.ok ? started : null;
  return (
    <div className="space-y-4">
      {!enrolment ? (
        <button
          type="button"
          disabled={starting}
          onClick={() => startTransition(async () => setStarted(await props.start()))}
          className="rounded bg-[var(--brand)] px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
        >
          {starting ? 'Preparing…' : 'Set up authenticator app'}
        </button>
      ) : null}
      {started && !started.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {started.message}
        </p>
      ) : null}
      {enrolment ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">Scan this QR code with an authenticator app, or type the setup key into it.</p>
          <img src={enrolment.qrDataUrl} alt="QR code for your authenticator app" width={220} height={220} className="rounded border border-slate-200" />
          <div className="text-sm">
            <span className="block font-medium">Setup key</span>
            <code data-testid="totp-setup-key" className="mt-1 inline-block rounded bg-slate-100 px-2 py-1 font-mono">
              {enrolment.manualKey}
            </code>
          </div>
          <form action={confirmAction} className="flex flex-wrap items-end gap-3" noValidate>
            <label className="text-sm">
              <span className="block font-medium">Code from the app</span>
              <input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={20} required className="mt-1 w-40 rounded border border-slate-300 px-3 py-2 font-mono" />
            </label>
            <button type="submit" disabled={confirming} className="rounded bg-[var(--brand)] px-3 py-2 text-sm font-medium text-white disabled:opacity-60">
              {confirming ? 'Checking…' : 'Confirm'}
            </button>
            {confirmed && !confirmed.ok ? (
              <p role="alert" className="w-full text-sm text-red-700">
                {confirmed.message}
              </p>
            ) : null}
          </form>
        </div>
      ) : null}
    </div>
  );
}
