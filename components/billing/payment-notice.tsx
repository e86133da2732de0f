const TONE = { ok: 'border-green-200 bg-green-50 text-green-800', info: 'border-slate-200 bg-slate-50 text-slate-800', error: 'border-red-200 bg-red-50 text-red-800' } as const;

/** A message after a round trip to a payment provider: problems are alerts, everything else a status. */
export function PaymentNotice({ tone, text }: { tone: keyof typeof TONE; text: string }) {
  return (
    <p role={tone === 'error' ? 'alert' : 'status'} className={`rounded border px-4 py-3 text-sm ${TONE[tone]}`}>
      {text}
    </p>
  );
}
