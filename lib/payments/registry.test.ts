import { describe, expect, it } from 'vitest';
import { GATEWAY_FORM_FIELDS, paymentSettingsFormSchema, SECRET_FIELDS } from './admin/payment-settings-form';
import { ADD_METHOD_GATEWAYS, GATEWAY_CUSTOMER_NAMES, GATEWAY_IDS, GATEWAY_PAYMENT_NAMES, GATEWAY_STAFF_NAMES, gatewayDefinition, gatewayIdSchema, isGatewayId, PAYMENT_GATEWAYS } from './registry';

describe('payment gateway registry', () => {
  it('knows its gateways and nothing else: an unknown id is never taken for another gateway', () => {
    expect(GATEWAY_IDS).toEqual(['stripe', 'paypal']);
    expect(gatewayDefinition('stripe')?.names.staff).toBe('Stripe');
    for (const id of ['bank_transfer', 'credit', 'Stripe', '', 'toString', '__proto__', null, undefined]) {
      expect(gatewayDefinition(id)).toBeNull();
      expect(isGatewayId(id)).toBe(false);
    }
    expect(gatewayIdSchema().safeParse('paypal').success).toBe(true);
    expect(gatewayIdSchema().safeParse('square').success).toBe(false);
  });

  it('derives the lists pages and messages use', () => {
    expect(GATEWAY_STAFF_NAMES).toBe('Stripe or PayPal');
    expect(GATEWAY_CUSTOMER_NAMES).toBe('Card and PayPal');
    expect(GATEWAY_PAYMENT_NAMES).toEqual({ all: 'card and PayPal', any: 'card or PayPal' });
    expect(ADD_METHOD_GATEWAYS).toEqual(['stripe']);
  });

  it('gives every stored setting a form field, named gateway then key', () => {
    for (const id of GATEWAY_IDS) {
      const def = PAYMENT_GATEWAYS[id];
      expect(Object.keys(def.settings.form).sort()).toEqual(Object.keys(def.settings.defaults).sort());
      expect(def.settings.schema.safeParse(def.settings.defaults).success).toBe(true);
    }
    expect(GATEWAY_FORM_FIELDS.map((f) => f.name)).toEqual([
      'stripeEnabled',
      'stripePublishableKey',
      'stripeSecretKey',
      'stripeWebhookSecret',
      'paypalEnabled',
      'paypalEnvironment',
      'paypalClientId',
      'paypalClientSecret',
      'paypalWebhookId',
    ]);
    expect(SECRET_FIELDS).toEqual(['stripeSecretKey', 'stripeWebhookSecret', 'paypalClientSecret']);
    expect(Object.keys(paymentSettingsFormSchema.shape)).toEqual(expect.arrayContaining(['stripeSecretKeyClear', 'stripeWebhookSecretClear', 'paypalClientSecretClear', 'bankTransferEnabled', 'retryDays']));
  });
});
