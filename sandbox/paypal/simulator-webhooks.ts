import { postWebhook } from '@/sandbox/shared/post-webhook';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { type Account, type DeliveryState, nowIso, type PaypalEvent, paypalId } from './simulator-state';

// Webhook events and their delivery. The signature scheme is the stand-in's own: HMAC-SHA256 with a per-account
// secret over "transmission_id|transmission_time|webhook_id|crc32(canonical event JSON)". PayPal signs the raw
// body; we sign the canonical JSON (keys sorted) because the verify call only ever sees the event re-serialized by
// the merchant, so a changed byte in any value fails while harmless re-serialization passes.

export const AUTH_ALGO = 'SHA256withRSA';
// .invalid never resolves: nobody should fetch it, exactly as merchants must not verify certificates themselves here.
export const CERT_URL = 'https://paypal-sandbox.invalid/v1/notifications/certs/CERT-simulator-hmac-sha256';

const MAX_EVENTS = 500;

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function signTransmission(secret: string, transmissionId: string, time: string, webhookId: string, event: unknown): string {
  const crc = crc32(canonicalJson(event)) >>> 0;
  return createHmac('sha256', secret).update(`${transmissionId}|${time}|${webhookId}|${crc}`).digest('base64');
}

export interface VerifyInput {
  auth_algo: string;
  cert_url: string;
  transmission_id: string;
  transmission_sig: string;
  transmission_time: string;
  webhook_id: string;
  webhook_event: unknown;
}

export function verifyTransmission(account: Account, input: VerifyInput): boolean {
  if (input.auth_algo !== AUTH_ALGO || input.cert_url !== CERT_URL) return false;
  if (!account.webhooks.some((w) => w.id === input.webhook_id)) return false;
  const expected = Buffer.from(signTransmission(account.webhookSecret, input.transmission_id, input.transmission_time, input.webhook_id, input.webhook_event));
  const given = Buffer.from(input.transmission_sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface WebhookCenterOptions {
  /** Waits between delivery attempts; its length is the number of retries after the first try. */
  retryDelaysMs: readonly number[];
}

export interface FlushResult {
  transmissions: number;
}

export function createWebhookCenter(options: WebhookCenterOptions) {
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();

  function track(promise: Promise<void>): void {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  /** One transmission: fresh transmission id and signature each time, like PayPal's redeliveries. */
  async function transmit(account: Account, delivery: DeliveryState, event: PaypalEvent): Promise<boolean> {
    const transmissionId = randomUUID();
    const time = new Date().toISOString();
    const attempt = { at: time, transmissionId, status: null as number | null, error: null as string | null };
    delivery.attempts.push(attempt);
    try {
      const res = await postWebhook(delivery.url, {
        headers: {
          'content-type': 'application/json',
          'paypal-transmission-id': transmissionId,
          'paypal-transmission-time': time,
          'paypal-transmission-sig': signTransmission(account.webhookSecret, transmissionId, time, delivery.webhookId, event),
          'paypal-cert-url': CERT_URL,
          'paypal-auth-algo': AUTH_ALGO,
          'user-agent': 'PayPal/AUHD-214.0-58843468 (sandbox simulator)',
        },
        body: JSON.stringify(event),
        timeoutMs: 10_000,
      });
      attempt.status = res.status;
      const ok = res.status >= 200 && res.status < 300;
      if (ok) delivery.delivered = true;
      return ok;
    } catch (err) {
      attempt.error = err instanceof Error ? err.message : String(err);
      return false;
    }
  }

  async function deliverWithRetries(account: Account, delivery: DeliveryState, event: PaypalEvent): Promise<void> {
    if (await transmit(account, delivery, event)) return;
    for (const wait of options.retryDelaysMs) {
      await sleep(wait);
      if (await transmit(account, delivery, event)) return;
    }
  }

  function findEvent(account: Account, eventId: string): PaypalEvent | undefined {
    return account.events.find((e) => e.id === eventId);
  }

  return {
    emit(account: Account, eventType: string, resourceType: string, resource: Record<string, unknown>, summary: string): PaypalEvent {
      const event: PaypalEvent = {
        id: `WH-${paypalId(17)}-${paypalId(17)}`,
        event_version: '1.0',
        create_time: nowIso(),
        resource_type: resourceType,
        resource_version: '2.0',
        event_type: eventType,
        summary,
        resource,
      };
      account.events.unshift(event);
      if (account.events.length > MAX_EVENTS) account.events.length = MAX_EVENTS;
      for (const hook of account.webhooks) {
        if (!hook.eventTypes.includes('*') && !hook.eventTypes.includes(eventType)) continue;
        const delivery: DeliveryState = { eventId: event.id, webhookId: hook.id, url: hook.url, attempts: [], delivered: false };
        account.deliveries.unshift(delivery);
        if (account.deliveries.length > MAX_EVENTS) account.deliveries.length = MAX_EVENTS;
        if (account.deliveryMode === 'hold') account.held.push(delivery);
        // Asynchronous, as PayPal's: the API response never waits for the merchant's endpoint.
        else track(deliverWithRetries(account, delivery, event));
      }
      return event;
    },

    /** Sends what was held, in order or reversed, each `repeat` times (duplicates, as PayPal may send). */
    async flush(account: Account, order: 'forward' | 'reverse', repeat: number): Promise<FlushResult> {
      const batch = account.held.splice(0);
      if (order === 'reverse') batch.reverse();
      let transmissions = 0;
      for (let i = 0; i < repeat; i++) {
        for (const delivery of batch) {
          const event = findEvent(account, delivery.eventId);
          if (!event) continue;
          await transmit(account, delivery, event);
          transmissions++;
        }
      }
      return { transmissions };
    },

    /** Sends an event again to every webhook it went to (or, if none yet, to those subscribed now). */
    async redeliver(account: Account, eventId: string): Promise<FlushResult | null> {
      const event = findEvent(account, eventId);
      if (!event) return null;
      const targets = account.deliveries.filter((d) => d.eventId === eventId);
      for (const delivery of targets) await transmit(account, delivery, event);
      return { transmissions: targets.length };
    },

    /** Resolves once every delivery started so far (with its retries) has finished. */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    close(): void {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type WebhookCenter = ReturnType<typeof createWebhookCenter>;
