import { KasmDesktopLive } from '@/components/account/kasm-desktop-live';
import { ActionForm, Field } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import type { KasmDesktopView } from '@/lib/kasm/get-kasm-desktop-view';
import { idleStopAction, startDesktopAction, stopDesktopAction } from './kasm-actions';

/** A cloud desktop: Start / Stop, the workspace link, live time and cost, history, the billing rule and auto-stop. */
export function DesktopSection({ view, mayManage }: { view: KasmDesktopView; mayManage: boolean }) {
  const active = view.status === 'active';
  return (
    <Card title="Desktop">
      <div className="space-y-4">
        {view.creditNotice ? (
          <p role="alert" className="text-sm text-amber-700" data-testid="kasm-credit-notice">
            {view.creditNotice}{' '}
            <a href="/credit" className="text-[var(--brand)] underline">
              Add credit
            </a>
          </p>
        ) : null}
        {mayManage ? (
          <div className="flex flex-wrap items-start gap-3">
            {view.running ? (
              <>
                <a href={`/services/${view.service}/desktop/open`} target="_blank" rel="noopener noreferrer" className="rounded bg-[var(--brand)] px-3 py-2 text-sm font-medium text-white">
                  Open workspace
                </a>
                <ActionForm action={stopDesktopAction} submitLabel="Stop" danger>
                  <input type="hidden" name="serviceId" value={view.service} />
                </ActionForm>
              </>
            ) : active ? (
              <ActionForm action={startDesktopAction} submitLabel="Start">
                <input type="hidden" name="serviceId" value={view.service} />
              </ActionForm>
            ) : (
              <p className="text-sm text-slate-700">Sessions can be started only while the desktop is active.</p>
            )}
          </div>
        ) : null}
        {/* Keyed by the open session, so a Start or Stop (which re-renders the page) resets what the poll shows. */}
        <KasmDesktopLive key={`${view.running?.sessionId ?? 'idle'}-${view.sessions.length}`} initial={view} />
        <p className="text-sm text-slate-600" data-testid="kasm-rule">
          {view.rule}
          {view.hourlyRate ? ` Rate: ${view.hourlyRate}.` : ''} Usage is invoiced at the end of each monthly period, rounded to the cent once for the month.
        </p>
        {mayManage ? (
          <ActionForm action={idleStopAction} submitLabel="Save auto-stop">
            <input type="hidden" name="serviceId" value={view.service} />
            <Field name="minutes" label="Stop a session after this many idle minutes (blank: never)" defaultValue={view.idleStopMinutes === null ? '' : String(view.idleStopMinutes)} />
          </ActionForm>
        ) : null}
      </div>
    </Card>
  );
}
