import { z } from 'zod';
import { env, sandboxBaseUrl } from '@/lib/config/env';
import { decryptSecret } from '@/lib/security/secret-box';
import { defineGateway, keyInput } from '../../gateway-definition';
import type { PaypalConfig } from './paypal-client';

const settingsSchema = z.object({
  enabled: z.boolean(),
  environment: z.enum(['sandbox', 'production']),
  clientId: z.string().max(255),
  /** Sealed. */
  clientSecret: z.string().max(2000),
  /** The id PayPal gave our webhook; its verify call needs it. */
  webhookId: z.string().max(255),
});

export const paypalGateway = defineGateway<z.infer<typeof settingsSchema>, PaypalConfig>({
  names: {
    staff: 'PayPal',
    customer: 'PayPal',
    payment: 'PayPal',
    payButton: 'Pay with PayPal',
    redirecting: 'Taking you to PayPal…',
    unavailable: 'PayPal is not available on this store.',
    settingsTitle: 'PayPal',
  },
  // PayPal vaults a method while paying; there is no standalone "add" flow.
  capabilities: { hostedPayment: true, saveMethod: true, addMethod: false, offSession: true, refunds: true, webhooks: true, disputes: true },
  settings: {
    schema: settingsSchema,
    defaults: { enabled: true, environment: 'sandbox', clientId: '', clientSecret: '', webhookId: '' },
    form: {
      enabled: { kind: 'boolean', label: 'Offer PayPal' },
      environment: {
        kind: 'select',
        label: 'Environment',
        options: [
          { value: 'sandbox', label: 'Sandbox (test accounts)' },
          { value: 'production', label: 'Production (live payments)' },
        ],
        input: z.enum(['sandbox', 'production'], 'must be sandbox or production'),
      },
      clientId: { kind: 'text', label: 'Client id', maxLength: 255, input: keyInput(/^\S+$/, 'must not contain spaces', 255) },
      clientSecret: { kind: 'secret', label: 'Client secret', input: keyInput(/^\S+$/, 'must not contain spaces', 500) },
      webhookId: {
        kind: 'text',
        label: 'Webhook id',
        hint: 'Filled in by “Connect PayPal webhooks” below.',
        maxLength: 255,
        input: keyInput(/^[A-Za-z0-9-]+$/, 'must be the webhook id PayPal shows (letters, digits and dashes)', 255),
      },
    },
  },
  config(sf, s) {
    if (!s.enabled) return null;
    if (s.clientId && s.clientSecret) {
      return {
        clientId: s.clientId,
        clientSecret: decryptSecret(s.clientSecret),
        webhookId: s.webhookId,
        environment: s.environment,
        apiBase: env().APP_MODE === 'sandbox' && s.clientId.startsWith('sandbox-') ? `${sandboxBaseUrl()}/paypal` : undefined,
      };
    }
    // Sandbox mode without credentials: the bundled PayPal stand-in, one account per storefront.
    if (env().APP_MODE === 'sandbox') return { clientId: `sandbox-${sf.slug}`, clientSecret: `sandbox-secret-${sf.slug}`, webhookId: s.webhookId, environment: 'sandbox', apiBase: `${sandboxBaseUrl()}/paypal` };
    return null;
  },
  hasKeys: (s) => s.enabled && s.clientId !== '' && s.clientSecret !== '',
  webhooks: {
    connected: (s) => s.webhookId !== '',
    status: (s) => (s.webhookId ? `webhook ${s.webhookId}` : 'not connected'),
    notReady: 'PayPal is not enabled or has no client credentials.',
    async register(config, url) {
      const { registerPaypalWebhook } = await import('./register-webhook');
      const { webhookId } = await registerPaypalWebhook(config, url);
      return { store: { webhookId }, audit: { url, webhookId } };
    },
  },
  load: async (config, digitsOf) => (await import('./paypal-gateway')).createPaypalGateway(config, digitsOf),
});
