import type { Service } from '@/db/schema/storefront';

const TONES = {
  green: 'bg-green-50 text-green-800 ring-green-200',
  amber: 'bg-amber-50 text-amber-800 ring-amber-200',
  red: 'bg-red-50 text-red-700 ring-red-200',
  slate: 'bg-slate-100 text-slate-700 ring-slate-200',
} as const;

export function Badge({ tone, children }: { tone: keyof typeof TONES; children: React.ReactNode }) {
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${TONES[tone]}`}>{children}</span>;
}

const STATUS_TONE: Record<Service['status'], keyof typeof TONES> = { pending: 'amber', active: 'green', suspended: 'red', terminated: 'slate', cancelled: 'slate' };

/** The billing status of a service, with the suspension reason when there is one. */
export function ServiceStatusBadge({ status, suspensionReason }: Pick<Service, 'status' | 'suspensionReason'>) {
  return <Badge tone={STATUS_TONE[status]}>{status === 'suspended' && suspensionReason ? `suspended (${suspensionReason})` : status}</Badge>;
}

/** Shown while the service is not ready to use yet, waiting for hardware included; a failed setup reads the same. */
export function SettingUpBadge() {
  return <Badge tone="amber">Setting up</Badge>;
}
