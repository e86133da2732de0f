import { ActionForm } from '@/components/ui/action-form';
import type { ResellerView } from '@/lib/resellers/list-resellers';
import { retryResellerAction } from './actions';

/** Retry for a failed pipeline, Resume for one whose run died; nothing while it runs or once it is done. */
export function RetryControl({ view }: { view: ResellerView }) {
  if (view.reseller.status !== 'failed' && !view.stalled) return null;
  return (
    <ActionForm action={retryResellerAction} submitLabel={view.reseller.status === 'failed' ? 'Retry' : 'Resume'}>
      <input type="hidden" name="reseller" value={view.reseller.publicId} />
    </ActionForm>
  );
}
