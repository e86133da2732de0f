import { RevealedLogin } from '@/components/account/revealed-login';
import { ActionForm, Field } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { CheckboxField } from '@/components/ui/form-fields';
import type { ServiceType } from '@/db/schema/storefront';
import type { ServiceDetails, ServiceStatus } from '@/lib/provisioning/module';
import { panelSsoAction, powerServiceAction, revealCredentialsAction } from './actions';
import { applicablePowerActions, formatUsage, powerLabel } from './service-display';
import type { CustomerServicePage } from '@/lib/provisioning/get-customer-service-page';

type Usage = NonNullable<ServiceStatus['usage']>;

const STATE_LABELS: Record<ServiceStatus['state'], string> = {
  running: 'Running',
  stopped: 'Stopped',
  suspended: 'Suspended',
  building: 'Being built',
  missing: 'Unavailable',
  unknown: 'Unknown',
};

const USAGE_ROWS: { key: 'memory' | 'disk' | 'bandwidth'; label: string }[] = [
  { key: 'memory', label: 'Memory' },
  { key: 'disk', label: 'Disk' },
  { key: 'bandwidth', label: 'Bandwidth' },
];

/** Which usage figures each kind of service shows; a web hosting subscription has no memory of its own. */
const USAGE_BY_TYPE: Partial<Record<ServiceType, ('memory' | 'disk' | 'bandwidth')[]>> = {
  web_hosting: ['disk', 'bandwidth'],
};

const HAS_STATE: ServiceType[] = ['vps', 'dedicated', 'game_server'];

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  if (!rows.length) return <p className="text-sm text-slate-600">No details reported yet.</p>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-slate-600">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const isWebUrl = (v: unknown): v is string => typeof v === 'string' && /^https?:\/\//i.test(v);

function usageRows(type: ServiceType, usage: Usage | undefined): [string, React.ReactNode][] {
  if (!usage) return [];
  const shown = USAGE_BY_TYPE[type] ?? ['memory', 'disk', 'bandwidth'];
  const rows: [string, React.ReactNode][] = [];
  if (type !== 'web_hosting' && usage.cpuPercent !== undefined) rows.push(['CPU', `${Math.round(usage.cpuPercent)} %`]);
  for (const { key, label } of USAGE_ROWS) {
    if (!shown.includes(key)) continue;
    const text = formatUsage(usage[`${key}Bytes`], usage[`${key}LimitBytes`]);
    if (text) rows.push([label, text]);
  }
  return rows;
}

/** The facts a customer needs to use the service, by kind: where to connect, what it runs on, how much it uses. */
export function ServiceOverview({ svc, details, live }: { svc: CustomerServicePage; details: ServiceDetails; live: ServiceStatus | null }) {
  const rows: [string, React.ReactNode][] = [];
  const ips = Array.isArray(details.ips) ? details.ips.filter((ip): ip is string => typeof ip === 'string') : [];
  if (HAS_STATE.includes(svc.serviceType) && live) rows.push(['State', <span key="state" data-testid="service-state">{STATE_LABELS[live.state]}</span>]);
  if (svc.serviceType === 'game_server' && details.connectAddress) {
    rows.push(['Connect to', <code key="connect" className="rounded bg-slate-100 px-1.5 py-0.5 select-all">{details.connectAddress}</code>]);
  }
  if (svc.serviceType === 'web_hosting') {
    if (details.domain) rows.push(['Domain', details.domain]);
    if (details.username) rows.push(['Panel user', <code key="user" className="select-all">{details.username}</code>]);
    if (isWebUrl(details.panelUrl)) {
      rows.push([
        'Control panel',
        <a key="panel" href={details.panelUrl} target="_blank" rel="noopener noreferrer" className="text-[var(--brand)] underline">
          {details.panelUrl}
        </a>,
      ]);
    }
  }
  if (ips.length) rows.push([ips.length > 1 ? 'IP addresses' : 'IP address', <span key="ips" className="space-x-3">{ips.map((ip) => <code key={ip} className="select-all">{ip}</code>)}</span>]);
  if (details.hostname) rows.push(['Hostname', <code key="host" className="select-all">{details.hostname}</code>]);
  if (details.os) rows.push(['Operating system', details.os]);
  if (details.specs) rows.push(['Hardware', details.specs]);
  if (svc.serviceType !== 'web_hosting' && details.domain) rows.push(['Domain', details.domain]);
  const usage = usageRows(svc.serviceType, live?.usage);
  return (
    <>
      <Card title="Overview">
        <Facts rows={rows} />
      </Card>
      {usage.length ? (
        <Card title={svc.serviceType === 'game_server' ? 'Resources' : 'Usage'}>
          <Facts rows={usage} />
        </Card>
      ) : null}
    </>
  );
}

/** One form per power action, each behind its own "Yes, …" box so a stray click does nothing. */
export function PowerControls({ svc, live }: { svc: CustomerServicePage; live: ServiceStatus | null }) {
  if (live && (live.state === 'building' || live.state === 'missing' || live.state === 'suspended')) return null;
  const actions = applicablePowerActions(svc.powerActions, live?.state).flatMap((action) => {
    const label = powerLabel(svc.serviceType, action);
    return label ? [{ action, label }] : [];
  });
  if (!actions.length) return null;
  return (
    <Card title="Power">
      <div className="space-y-3">
        {actions.map(({ action, label }) => (
          <ActionForm key={action} action={powerServiceAction} submitLabel={label} danger={action === 'poweroff' || action === 'shutdown'} className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="serviceId" value={svc.publicId} />
            <input type="hidden" name="action" value={action} />
            <CheckboxField name="confirm" label={`Yes, ${label.toLowerCase()} ${svc.label}`} />
          </ActionForm>
        ))}
      </div>
      {svc.powerActions.includes('poweroff') && svc.serviceType !== 'game_server' ? (
        <p className="mt-3 text-xs text-slate-500">Power off cuts the power at once, like pulling the plug; shut down asks the operating system to stop first.</p>
      ) : null}
    </Card>
  );
}

export function PanelSignIn({ svc }: { svc: CustomerServicePage }) {
  return (
    <Card title="Control panel">
      {svc.panelAccess === 'sso' ? (
        <p className="mb-3 text-sm text-slate-600">Sign in to the control panel without a separate password. A fresh link is made each time you click.</p>
      ) : (
        <p className="mb-3 text-sm text-slate-600">Opens your service on the control panel, where you sign in with your panel login.</p>
      )}
      <ActionForm action={panelSsoAction} submitLabel={svc.panelAccess === 'sso' ? 'Sign in to control panel' : 'Open panel'}>
        <input type="hidden" name="serviceId" value={svc.publicId} />
      </ActionForm>
    </Card>
  );
}

export function LoginDetails({ svc }: { svc: CustomerServicePage }) {
  return (
    <Card title="Login details">
      <ActionForm action={revealCredentialsAction} submitLabel="Show login" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="serviceId" value={svc.publicId} />
        <Field name="password" type="password" label="Confirm your password (or an authenticator code) to show the login" autoComplete="current-password" className="block w-80 text-sm" />
        <RevealedLogin />
      </ActionForm>
    </Card>
  );
}
