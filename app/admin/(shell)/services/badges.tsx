import Link from 'next/link';
import type { Service } from '@/db/schema/storefront';

const STATUS_STYLE: Record<Service['status'], string> = {
  pending: 'bg-slate-100 text-slate-700',
  active: 'bg-green-100 text-green-800',
  suspended: 'bg-amber-100 text-amber-900',
  terminated: 'bg-slate-100 text-slate-500',
  cancelled: 'bg-slate-100 text-slate-500',
};

const PROVISIONING_STYLE: Record<Service['provisioningStatus'], string> = {
  none: 'bg-slate-100 text-slate-500',
  queued: 'bg-slate-100 text-slate-700',
  provisioning: 'bg-sky-100 text-sky-800',
  building: 'bg-sky-100 text-sky-800',
  active: 'bg-green-100 text-green-800',
  awaiting_hardware: 'bg-amber-100 text-amber-900',
  failed: 'bg-red-100 text-red-800',
};

export function StatusBadge({ status }: { status: Service['status'] }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`}>{status}</span>;
}

export function ProvisioningBadge({ status }: { status: Service['provisioningStatus'] }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${PROVISIONING_STYLE[status]}`}>{status.replaceAll('_', ' ')}</span>;
}

/** The service and customer cells that start a row of a service list. */
export function ServiceCells({ publicId, label, customerId, customerEmail }: { publicId: string; label: string; customerId: number; customerEmail: string }) {
  return (
    <>
      <td className="py-2 pr-3">
        <Link href={`/services/${publicId}`} className="text-[var(--brand)] underline">
          {label}
        </Link>
        <span className="block font-mono text-xs text-slate-500">{publicId}</span>
      </td>
      <td className="py-2 pr-3">
        <Link href={`/customers/${customerId}`} className="underline">
          {customerEmail}
        </Link>
      </td>
    </>
  );
}
