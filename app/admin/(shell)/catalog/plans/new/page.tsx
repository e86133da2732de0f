import Link from 'next/link';
import { z } from 'zod';
import { Card } from '@/components/ui/area-shell';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../../permission-denied';
import { createPlanAction } from '../actions';
import { loadPlanFormChoices } from '../load-choices';
import { PlanForm } from '../plan-form';

const querySchema = z.object({ groupId: z.coerce.number().int().positive().optional().catch(undefined) });

export default async function NewPlanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return <PermissionDenied permission="catalog.manage" />;
  const { groupId } = querySchema.parse(await searchParams);
  const choices = await loadPlanFormChoices(access.ctx.db);
  return (
    <div className="space-y-6">
      <Link href="/catalog" className="text-sm text-[var(--brand)] underline">
        Catalog
      </Link>
      <h1 className="text-2xl font-semibold">New plan</h1>
      {choices.groups.length === 0 ? (
        <p className="text-slate-700">
          Add a product group on the{' '}
          <Link href="/catalog" className="text-[var(--brand)] underline">
            catalog page
          </Link>{' '}
          first.
        </p>
      ) : (
        <Card title="Plan">
          <PlanForm action={createPlanAction} submitLabel="Create plan" choices={choices} defaultGroupId={groupId} />
        </Card>
      )}
    </div>
  );
}
