import { postWebhook } from '@/sandbox/shared/post-webhook';
import { createHmac } from 'node:crypto';
import { listObjects, newId, now, SIM_API_VERSION, type Account, type SimEvent, type StoredObject } from './sim-state';

// Events and their delivery. Like Stripe: each event goes to every enabled endpoint of its account whose
// enabled_events match, signed with that endpoint's secret; non-2xx and network errors are retried with a
// back-off. Delivery never blocks the request that caused the event. In `hold` mode events queue until a
// flush, so tests (and people) can replay them late, reversed or repeated.

export interface EventBusOptions {
  /** Waits between attempts; the number of entries is the number of retries. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
}

export function signPayload(secret: string, payload: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface EventBus {
  emit: (account: Account, type: string, object: StoredObject, extra?: { previous?: Record<string, unknown>; idempotencyKey?: string | null }) => SimEvent;
  /** Delivers held events one after another; resolves when all attempts are done. */
  flush: (account: Account, opts: { order: 'forward' | 'reverse'; repeat: number }) => Promise<number>;
  redeliver: (account: Account, event: SimEvent, repeat: number) => Promise<number>;
  /** Resolves once no delivery is in flight (tests wait on this instead of sleeping). */
  idle: () => Promise<void>;
}

export function createEventBus(opts: EventBusOptions): EventBus {
  const inFlight = new Set<Promise<void>>();

  async function deliverToEndpoint(account: Account, event: SimEvent, endpointId: string, url: string): Promise<void> {
    const secret = account.secrets.get(endpointId);
    if (!secret) return;
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 1; attempt <= opts.retryDelaysMs.length + 1; attempt++) {
      let status: number | null = null;
      let error: string | null = null;
      try {
        const res = await postWebhook(url, {
          // A fresh timestamp per attempt, as Stripe does, so retries stay inside the receiver's tolerance.
          headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signPayload(secret, payload, now()), 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
          body: payload,
          timeoutMs: opts.timeoutMs,
        });
        status = res.status;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      account.deliveries.push({ eventId: event.id, endpointId, url, attempt, status, error, at: new Date().toISOString() });
      if (status !== null && status >= 200 && status < 300) return;
      const wait = opts.retryDelaysMs[attempt - 1];
      if (wait === undefined) return;
      await sleep(wait);
    }
  }

  async function deliver(account: Account, event: SimEvent): Promise<void> {
    const endpoints = listObjects(account, 'webhook_endpoint')
      .reverse()
      .filter((e) => e.enabled_events.includes('*') || e.enabled_events.includes(event.type));
    await Promise.all(endpoints.map((e) => deliverToEndpoint(account, event, e.id, e.url)));
  }

  function track(p: Promise<void>): Promise<void> {
    const tracked = p.catch(() => undefined).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return tracked;
  }

  async function deliverInSequence(account: Account, events: readonly SimEvent[], repeat: number): Promise<number> {
    // Whole rounds, so repeated copies interleave with other events the way late retries do.
    let sent = 0;
    for (let round = 0; round < repeat; round++) {
      for (const event of events) {
        await track(deliver(account, event));
        sent++;
      }
    }
    return sent;
  }

  return {
    emit(account, type, object, extra = {}) {
      const event: SimEvent = {
        id: newId('evt'),
        object: 'event',
        type,
        api_version: SIM_API_VERSION,
        created: now(),
        livemode: false,
        // A snapshot: later changes to the object must not rewrite history.
        data: { object: structuredClone(object), ...(extra.previous ? { previous_attributes: extra.previous } : {}) },
        pending_webhooks: listObjects(account, 'webhook_endpoint').length,
        request: { id: null, idempotency_key: extra.idempotencyKey ?? null },
      };
      account.events.push(event);
      if (account.deliveryMode === 'hold') account.held.push(event);
      else void track(deliver(account, event));
      return event;
    },
    async flush(account, { order, repeat }) {
      const queued = account.held.splice(0, account.held.length);
      return deliverInSequence(account, order === 'reverse' ? queued.reverse() : queued, repeat);
    },
    redeliver(account, event, repeat) {
      return deliverInSequence(account, [event], repeat);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
