import type { SandboxHandler } from '@/sandbox/shared/http';
import { createApiHandler, type SimContext } from './sim-api';
import { handleCheckout } from './sim-checkout';
import { handlePages } from './sim-control';
import { createEventBus } from './sim-events';
import { buildRoutes } from './sim-routes';
import { closeDispute, disputeRoutes, openDispute, submitEvidence } from './sim-disputes';
import { paymentRoutes } from './sim-routes-money';
import { getObject, newAccount, type Account, type Delivery, type SimDispute, type SimEvent } from './sim-state';

// A local stand-in for Stripe. `api` serves Stripe's real paths at the root /v1/... (the official SDK is pointed
// here with its host/port/protocol options); `pages` serves what a person sees under /stripe (hosted Checkout,
// 3-D Secure challenge, event log) and the sandbox-only /stripe/_control endpoints. State lives in memory, per
// secret key, so storefronts sharing one sandbox never see each other's customers or webhooks.

export interface StripeSimulatorOptions {
  /** Waits between webhook delivery retries (default 250 ms, 1 s, 4 s: four attempts in all). */
  retryDelaysMs?: readonly number[];
  deliveryTimeoutMs?: number;
}

export interface StripeSimulator {
  api: SandboxHandler;
  pages: SandboxHandler;
  /** Test helpers, the in-process twins of the control endpoints. `key` is the account's secret key. */
  setDeliveryMode: (key: string, mode: 'immediate' | 'hold') => void;
  flush: (key: string, opts?: { order?: 'forward' | 'reverse'; repeat?: number }) => Promise<number>;
  redeliver: (key: string, eventId: string, repeat?: number) => Promise<number>;
  /** Opens a chargeback (or, with inquiry, an inquiry) on a payment, as the cardholder's bank would. */
  dispute: (key: string, paymentIntentId: string, opts?: { reason?: string; amount?: number; inquiry?: boolean }) => SimDispute;
  /** Evidence submitted from the dashboard: the dispute goes under review. */
  submitDisputeEvidence: (key: string, disputeId: string) => SimDispute;
  /** The bank decides. */
  closeDispute: (key: string, disputeId: string, outcome: 'won' | 'lost') => SimDispute;
  events: (key: string) => readonly SimEvent[];
  deliveries: (key: string) => readonly Delivery[];
  /** Resolves when no webhook delivery is in flight. */
  idle: () => Promise<void>;
}

export function createStripeSimulator(opts: StripeSimulatorOptions = {}): StripeSimulator {
  const ctx: SimContext = {
    accounts: new Map(),
    sessionAccounts: new Map(),
    bus: createEventBus({ retryDelaysMs: opts.retryDelaysMs ?? [250, 1000, 4000], timeoutMs: opts.deliveryTimeoutMs ?? 5000 }),
  };
  const api = createApiHandler(ctx, [...buildRoutes(ctx.sessionAccounts), ...paymentRoutes, ...disputeRoutes]);

  function account(key: string): Account {
    let found = ctx.accounts.get(key);
    if (!found) {
      found = newAccount(key);
      ctx.accounts.set(key, found);
    }
    return found;
  }

  function findDispute(key: string, disputeId: string): SimDispute {
    const found = getObject(account(key), disputeId, 'dispute');
    if (!found) throw new Error(`no dispute ${disputeId}`);
    return found;
  }

  return {
    api,
    pages: async (req, res, url) => {
      if (await handleCheckout(req, res, url, ctx)) return;
      await handlePages(req, res, url, ctx);
    },
    setDeliveryMode: (key, mode) => {
      account(key).deliveryMode = mode;
    },
    flush: (key, o = {}) => ctx.bus.flush(account(key), { order: o.order ?? 'forward', repeat: o.repeat ?? 1 }),
    redeliver: (key, eventId, repeat = 1) => {
      const acct = account(key);
      const event = acct.events.find((e) => e.id === eventId);
      if (!event) return Promise.reject(new Error(`no event ${eventId}`));
      return ctx.bus.redeliver(acct, event, repeat);
    },
    dispute: (key, paymentIntentId, o = {}) => openDispute(account(key), ctx.bus, paymentIntentId, o),
    submitDisputeEvidence: (key, disputeId) => submitEvidence(account(key), ctx.bus, findDispute(key, disputeId), { uncategorized_text: 'Service delivered as ordered.' }),
    closeDispute: (key, disputeId, outcome) => closeDispute(account(key), ctx.bus, findDispute(key, disputeId), outcome),
    events: (key) => account(key).events,
    deliveries: (key) => account(key).deliveries,
    idle: () => ctx.bus.idle(),
  };
}
