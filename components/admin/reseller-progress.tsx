import type { ResellerStatus } from '@/db/schema/central';
import { PIPELINE_STEP_LABELS, type PipelineSummary } from '@/lib/resellers/pipeline-summary';

const STATUS_STYLES: Record<ResellerStatus, string> = {
  provisioning: 'bg-blue-100 text-blue-800',
  active: 'bg-green-100 text-green-800',
  suspended: 'bg-amber-100 text-amber-800',
  failed: 'bg-red-100 text-red-800',
};

export function ResellerStatusBadge({ status }: { status: ResellerStatus }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[status]}`}>{status}</span>;
}

/** The pipeline's progress: a bar with the share of steps done and the step running (or the one that failed). */
export function ResellerProgress({ status, pipeline }: { status: ResellerStatus; pipeline: PipelineSummary }) {
  const failed = status === 'failed' && pipeline.failed;
  const label = failed
    ? `Failed at ${PIPELINE_STEP_LABELS[pipeline.failed!.step].toLowerCase()}`
    : pipeline.current
      ? `${PIPELINE_STEP_LABELS[pipeline.current]} (${pipeline.done}/${pipeline.total})`
      : 'All steps done';
  return (
    <div className="min-w-48 space-y-1">
      {/* A native progress element: the CSP allows no inline style attribute for a width. */}
      <progress
        value={pipeline.percent}
        max={100}
        aria-label="Storefront creation"
        className={`h-2 w-full overflow-hidden rounded [&::-webkit-progress-bar]:bg-slate-200 ${
          failed ? '[&::-moz-progress-bar]:bg-red-600 [&::-webkit-progress-value]:bg-red-600' : '[&::-moz-progress-bar]:bg-[var(--brand)] [&::-webkit-progress-value]:bg-[var(--brand)]'
        }`}
      />
      <div className="text-xs text-slate-600">
        {pipeline.percent} % · {label}
      </div>
    </div>
  );
}
