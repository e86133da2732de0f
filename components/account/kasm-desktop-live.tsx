'use client';

import { useEffect, useState } from 'react';
import type { KasmDesktopView } from '@/lib/kasm/get-kasm-desktop-view';

const END_REASONS: Record<string, string> = {
  customer: 'Stopped',
  staff: 'Stopped by support',
  vanished: 'Ended on the desktop',
  max_length: 'Maximum length reached',
  idle: 'Idle auto-stop',
  no_credit: 'Out of credit',
  correction: 'Correction',
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

/**
 * The desktop's running time and cost, this month's total and the session history, kept fresh by polling the
 * service's JSON route every few seconds (no reload). A tab in the background skips its polls.
 */
export function KasmDesktopLive({ initial, everyMs = 5000 }: { initial: KasmDesktopView; everyMs?: number }) {
  const [view, setView] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const timer = window.setInterval(async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const res = await fetch(`/services/${initial.service}/desktop`, { cache: 'no-store', headers: { accept: 'application/json' } });
        if (res.ok && !stopped) setView((await res.json()) as KasmDesktopView);
      } catch {
        // A dropped poll is retried on the next tick.
      }
    }, everyMs);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [initial.service, everyMs]);

  return (
    <div className="space-y-4">
      {view.running ? (
        <p className="text-base font-medium" role="status" data-testid="kasm-running">
          {view.running.status === 'starting' ? 'Starting' : 'Running'} for {view.running.runningFor} · {view.running.cost}
        </p>
      ) : (
        <p className="text-sm text-slate-600" data-testid="kasm-running">No session running.</p>
      )}
      <p className="text-sm" data-testid="kasm-month">
        This month: {view.month.amount} ({view.month.hours} h)
      </p>
      <div>
        <h3 className="mb-2 text-sm font-semibold">Session history</h3>
        {view.sessions.length === 0 ? (
          <p className="text-sm text-slate-600">No sessions yet.</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="kasm-history">
            <thead className="text-slate-600">
              <tr>
                <th className="py-1 pr-4 font-medium">Start</th>
                <th className="py-1 pr-4 font-medium">Stop</th>
                <th className="py-1 pr-4 font-medium">Billed minutes</th>
                <th className="py-1 pr-4 font-medium">Cost</th>
              </tr>
            </thead>
            <tbody>
              {view.sessions.map((s) => (
                <tr key={s.id} className="border-t border-slate-100">
                  <td className="py-1 pr-4">{when(s.startedAt)}</td>
                  <td className="py-1 pr-4">
                    {s.stoppedAt ? when(s.stoppedAt) : 'Running'}
                    {s.endReason && s.endReason !== 'customer' ? <span className="text-slate-500"> · {END_REASONS[s.endReason] ?? s.endReason}</span> : null}
                  </td>
                  <td className="py-1 pr-4">{s.billedMinutes ?? '—'}</td>
                  <td className="py-1 pr-4">{s.cost ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
