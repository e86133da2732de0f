import type { SfDb } from '@/lib/db/connection';

export type ServiceAction = 'provision' | 'suspend' | 'unsuspend' | 'terminate';

/**
 * How a service state change reaches the control panel. The billing engine only decides and records; the
 * provisioning issue replaces this with jobs that call VirtFusion, Pterodactyl and the others. Called inside the
 * transaction that changed the state, so an implementation can write an outbox row that commits with it.
 */
export interface ServiceActionQueue {
  request(tx: SfDb, opts: { serviceId: number; action: ServiceAction }): Promise<void>;
}

/** Until provisioning lands: the state change in the services table and the audit row are the whole effect. */
export const recordOnlyServiceActions: ServiceActionQueue = {
  async request() {},
};

let current: ServiceActionQueue = recordOnlyServiceActions;

export function serviceActionQueue(): ServiceActionQueue {
  return current;
}

/** For the provisioning module (and tests) to plug in the real queue. */
export function setServiceActionQueue(queue: ServiceActionQueue): void {
  current = queue;
}
