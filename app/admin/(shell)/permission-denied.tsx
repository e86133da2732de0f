import Link from 'next/link';
import { PERMISSION_LABELS, type Permission } from '@/lib/staff/permissions';

/** What a page shows instead of its content when the staff member's role lacks the permission it needs. */
export function PermissionDenied({ permission }: { permission: Permission }) {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">You don&apos;t have permission</h1>
      <p className="text-slate-700">
        Your role does not include <strong>{PERMISSION_LABELS[permission]}</strong> (<span className="font-mono">{permission}</span>). Ask an owner if you need it.
      </p>
      <Link href="/" className="text-[var(--brand)] underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
