import type { DomainView } from '@/lib/domains/domain-view';

const STYLE: Record<DomainView['status'], { label: string; className: string }> = {
  pending: { label: 'Waiting for DNS', className: 'bg-amber-100 text-amber-900' },
  verified: { label: 'Verified', className: 'bg-green-100 text-green-900' },
  failed: { label: 'Failed', className: 'bg-red-100 text-red-900' },
};

export function DomainStatusBadge({ status }: { status: DomainView['status'] }) {
  const s = STYLE[status];
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${s.className}`}>{s.label}</span>;
}

export const utc = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '–');
