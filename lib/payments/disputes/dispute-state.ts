import type { DisputeStatus } from '@/db/schema/storefront';
import type { GatewayEvent } from '../gateway';

export type DisputeEvent = Extract<GatewayEvent, { type: 'dispute.created' | 'dispute.updated' | 'dispute.closed' }>;

/** The moves a dispute may make; closed is final (a late "updated" never reopens it). */
export const DISPUTE_TRANSITIONS: Record<DisputeStatus, readonly DisputeStatus[]> = {
  needs_response: ['under_review', 'closed'],
  under_review: ['needs_response', 'closed'],
  closed: [],
};

export function canMoveDispute(from: DisputeStatus, to: DisputeStatus): boolean {
  return DISPUTE_TRANSITIONS[from].includes(to);
}

/** "2026-05-01 23:59 UTC": evidence deadlines are shown to the minute, in UTC like the rest of the admin area. */
export function formatDeadline(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const DISPUTE_STATUS_LABELS: Record<DisputeStatus, string> = {
  needs_response: 'Needs response',
  under_review: 'Under review',
  closed: 'Closed',
};
