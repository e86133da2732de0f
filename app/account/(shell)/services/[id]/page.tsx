import { notFound } from 'next/navigation';
import { SetupRefresher } from '@/components/account/setup-refresher';
import { ServiceStatusBadge, SettingUpBadge } from '@/components/account/service-status-badge';
import { Card } from '@/components/ui/area-shell';
import { accountAllows, requireAccountPermission } from '@/lib/auth/request-session';
import { liveServiceStatus } from '@/lib/provisioning/live-service-status';
import { setupPhase, type SetupPhase } from './service-display';
import { getCustomerServicePage, type CustomerServicePage } from '@/lib/provisioning/get-customer-service-page';
import { getKasmDesktopView } from '@/lib/kasm/get-kasm-desktop-view';
import { DesktopSection } from './desktop-section';
import { LoginDetails, PanelSignIn, PowerControls, ServiceOverview } from './service-sections';

/** Said instead of anything technical: a failed setup is for staff to fix, and the customer is told it is in hand. */
function SetupNotice({ phase }: { phase: Exclude<SetupPhase, 'ready'> }) {
  if (phase === 'awaiting_hardware') {
    return (
      <Card title="Almost there">
        <p className="text-sm">We&rsquo;re preparing your server hardware; we&rsquo;ll email you when it&rsquo;s ready.</p>
      </Card>
    );
  }
  return (
    <Card title="Setting up">
      <p className="text-sm" role="status">
        Your service is being set up. This usually takes a minute or two; this page updates by itself.
      </p>
      <SetupRefresher />
    </Card>
  );
}

/** Why a service that is set up shows no controls: it is not (or no longer) running for the customer. */
function statusNote(svc: CustomerServicePage): string | null {
  if (svc.status === 'pending') return 'This service starts once its order is paid.';
  if (svc.status === 'suspended') return svc.suspensionReason === 'overdue' ? 'This service is suspended until its overdue invoice is paid.' : 'This service is suspended. Contact support if you think this is a mistake.';
  if (svc.status === 'terminated' || svc.status === 'cancelled') return 'This service has ended.';
  return null;
}

export default async function AccountServicePage(props: { params: Promise<{ id: string }> }) {
  const signedIn = await requireAccountPermission('services.view');
  const { ctx, account } = signedIn;
  const { id } = await props.params;
  if (!/^svc_[a-z0-9]{1,40}$/.test(id)) notFound();
  const svc = await getCustomerServicePage(ctx.db, { publicId: id, customerId: account.id });
  if (!svc) notFound();
  const mayManage = accountAllows(signedIn, 'services.manage');
  const phase = setupPhase(svc.provisioningStatus);
  const running = phase === 'ready' && (svc.status === 'active' || svc.status === 'suspended');
  // Only a service the pipeline has placed on a panel has a live status to ask for.
  const live = running && svc.provisioningStatus === 'active' ? await liveServiceStatus(ctx.db, svc.id) : null;
  const details = { ...svc.details, ...live?.details };
  const active = running && svc.status === 'active';
  const note = phase === 'ready' ? statusNote(svc) : null;
  // A cloud desktop bills its running time: its sessions, cost and Start/Stop take the place of power controls.
  const desktop = running && svc.serviceType === 'cloud_desktop' && svc.provisioningStatus === 'active' ? await getKasmDesktopView(ctx.db, { servicePublicId: svc.publicId, customerId: account.id }) : null;

  return (
    <div className="space-y-6">
      <a href="/services" className="text-sm text-[var(--brand)] underline">
        &larr; Services
      </a>
      <header className="space-y-2">
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
          {svc.label}
          <ServiceStatusBadge status={svc.status} suspensionReason={svc.suspensionReason} />
          {phase !== 'ready' ? <SettingUpBadge /> : null}
        </h1>
        <p className="text-sm text-slate-600">
          {svc.planName}
          {svc.nextDueOn && (svc.status === 'active' || svc.status === 'suspended') ? ` · next due on ${svc.nextDueOn}` : ''}
          {svc.cancellationRequestedAt && (svc.status === 'active' || svc.status === 'suspended') ? ' · cancellation requested' : ''}
        </p>
        {mayManage && svc.status === 'active' && !svc.cancellationRequestedAt ? (
          <a href={`/services/${svc.publicId}/change`} className="text-sm font-medium text-[var(--brand)] underline">
            Change plan
          </a>
        ) : null}
      </header>
      {phase !== 'ready' ? <SetupNotice phase={phase} /> : null}
      {note ? <p className="text-sm text-slate-700">{note}</p> : null}
      {running ? <ServiceOverview svc={svc} details={details} live={live} /> : null}
      {desktop ? <DesktopSection view={desktop} mayManage={mayManage} /> : null}
      {active && mayManage && !desktop ? <PowerControls svc={svc} live={live} /> : null}
      {active && mayManage && svc.panelAccess && svc.provisioningStatus === 'active' ? <PanelSignIn svc={svc} /> : null}
      {running && mayManage && svc.hasCredentials ? (
        signedIn.impersonation ? (
          <Card title="Login details">
            <p className="text-sm text-slate-600">Only the customer can show the stored login, with their own password.</p>
          </Card>
        ) : (
          <LoginDetails svc={svc} />
        )
      ) : null}
    </div>
  );
}
