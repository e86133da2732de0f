import type { SfDb } from '@/lib/db/connection';
import { requestProvisioning } from '@/lib/provisioning/request-queue';

export type ServiceAction = 'provision' | 'suspend' | 'unsuspend' | 'terminate' | 'change_package';

/**
 * How a service state change reaches the control panel. The billing engine only decides and records; the
 * provisioning pipeline (lib/provisioning/request-queue.ts) carries it out with jobs that call VirtFusion,
 * Pterodactyl and the others. Called inside the transaction that changed the state, so the request row commits
 * with it.
 */
export interface ServiceActionQueue {
  request(tx: SfDb, opts: { serviceId: number; action: ServiceAction }): Promise<void>;
}

/** For tests that look only at billing: the state change and its audit row are the whole effect. */
export const recordOnlyServiceActions: ServiceActionQueue = {
  async request() {},
};

/**
 * The real queue: the provisioning pipeline. Kept here rather than in lib/provisioning so billing depends on
 * provisioning and never the other way round.
 */
const provisioningServiceActions: ServiceActionQueue = {
  async request(tx, { serviceId, action }) {
    await requestProvisioning(tx, { serviceId, action });
  },
};

let current: ServiceActionQueue = provisioningServiceActions;

export function serviceActionQueue(): ServiceActionQueue {
  return current;
}

/** For tests to plug in another queue. */
export function setServiceActionQueue(queue: ServiceActionQueue): void {
  current = queue;
}
