import { z } from 'zod';
import { env, sandboxBaseUrl } from '@/lib/config/env';
import { decryptSecret, encryptSecret } from '@/lib/security/secret-box';
import { defineGateway, keyInput } from '../../gateway-definition';
import type { StripeGatewayConfig } from './stripe-gateway';

const settingsSchema = z.object({
  enabled: z.boolean(),
  publishableKey: z.string().max(255),
  /** Sealed. */
  secretKey: z.string().max(2000),
  /** Sealed; set by "connect", which registers our webhook endpoint with Stripe. */
  webhookSecret: z.string().max(2000),
});

/** Keys the sandbox made up are only ever sent to the sandbox, never to the real Stripe. */
function sandboxKey(secretKey: string): boolean {
  return env().APP_MODE === 'sandbox' && secretKey.startsWith('sk_test_sandbox_');
}

export const stripeGateway = defineGateway<z.infer<typeof settingsSchema>, StripeGatewayConfig & { webhookSecret: string }>({
  names: {
    staff: 'Stripe',
    customer: 'Card',
    payment: 'card',
    payButton: 'Pay by card',
    redirecting: 'Taking you to the card payment page…',
    unavailable: 'Card payments are not available on this store.',
    settingsTitle: 'Stripe (cards)',
  },
  capabilities: { hostedPayment: true, saveMethod: true, addMethod: true, offSession: true, refunds: true, webhooks: true, disputes: true },
  settings: {
    schema: settingsSchema,
    defaults: { enabled: true, publishableKey: '', secretKey: '', webhookSecret: '' },
    form: {
      enabled: { kind: 'boolean', label: 'Offer card payments through Stripe' },
      publishableKey: { kind: 'text', label: 'Publishable key', hint: 'pk_live_… or pk_test_…', maxLength: 255, input: keyInput(/^pk_(test|live)_[A-Za-z0-9_]+$/, 'must be a Stripe publishable key (pk_test_… or pk_live_…)', 255) },
      secretKey: { kind: 'secret', label: 'Secret key', input: keyInput(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'must be a Stripe secret or restricted key (sk_… or rk_…)', 500) },
      webhookSecret: { kind: 'secret', label: 'Webhook signing secret', input: keyInput(/^whsec_\S+$/, 'must be a Stripe signing secret (whsec_…)', 500) },
    },
  },
  config(sf, s) {
    if (!s.enabled) return null;
    const webhookSecret = s.webhookSecret ? decryptSecret(s.webhookSecret) : '';
    if (s.secretKey) {
      const secretKey = decryptSecret(s.secretKey);
      return { secretKey, webhookSecret, apiBase: sandboxKey(secretKey) ? sandboxBaseUrl() : undefined };
    }
    // Sandbox mode without keys: the bundled Stripe stand-in, one account per storefront.
    if (env().APP_MODE === 'sandbox') return { secretKey: `sk_test_sandbox_${sf.slug}`, webhookSecret, apiBase: sandboxBaseUrl() };
    return null;
  },
  hasKeys: (s) => s.enabled && s.secretKey !== '',
  webhooks: {
    connected: (s) => s.webhookSecret !== '',
    status: (s) => (s.webhookSecret ? 'signing secret stored' : 'not connected'),
    notReady: 'Stripe is not enabled or has no secret key.',
    async register(config, url) {
      const { registerStripeWebhook } = await import('./register-webhook');
      const { secret, endpointId } = await registerStripeWebhook(config, url);
      return { store: { webhookSecret: encryptSecret(secret) }, audit: { url, endpointId } };
    },
  },
  load: async (config, digitsOf) => (await import('./stripe-gateway')).createStripeGateway(config, digitsOf),
});
