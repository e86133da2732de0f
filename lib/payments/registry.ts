import { z } from 'zod';
import type { GatewayDefinition } from './gateway-definition';
import { paypalGateway } from './gateways/paypal';
import { stripeGateway } from './gateways/stripe';

// Every payment gateway by id (the id stored on its payments, also its webhook path), in the order customers are
// offered them. Importing this loads no SDK: a definition only
// imports its adapter inside `load`. Bank transfer and account credit are offline methods, not gateways.
export const PAYMENT_GATEWAYS = {
  stripe: stripeGateway,
  paypal: paypalGateway,
} as const;

export type GatewayId = keyof typeof PAYMENT_GATEWAYS;
/** Any gateway's definition, its settings and config types erased. */
export type AnyGatewayDefinition = GatewayDefinition<Record<string, unknown>, unknown>;

export const GATEWAY_IDS = Object.keys(PAYMENT_GATEWAYS) as [GatewayId, ...GatewayId[]];

export function isGatewayId(id: string | null | undefined): id is GatewayId {
  return typeof id === 'string' && Object.hasOwn(PAYMENT_GATEWAYS, id);
}

/** A gateway's definition by id; null for an id no gateway has (never another gateway's). */
export function gatewayDefinition(id: GatewayId): AnyGatewayDefinition;
export function gatewayDefinition(id: string | null | undefined): AnyGatewayDefinition | null;
export function gatewayDefinition(id: string | null | undefined): AnyGatewayDefinition | null {
  return isGatewayId(id) ? (PAYMENT_GATEWAYS[id] as unknown as AnyGatewayDefinition) : null;
}

/** The gateway ids as a zod enum, for form and route input. */
export function gatewayIdSchema(message?: string) {
  return z.enum(GATEWAY_IDS, message);
}

/** "Stripe or PayPal": every gateway's staff name, for sentences and messages. */
export const GATEWAY_STAFF_NAMES = new Intl.ListFormat('en', { type: 'disjunction' }).format(GATEWAY_IDS.map((id) => PAYMENT_GATEWAYS[id].names.staff));

/** "Card and PayPal": what customers call the gateways together. */
export const GATEWAY_CUSTOMER_NAMES = new Intl.ListFormat('en', { type: 'conjunction' }).format(GATEWAY_IDS.map((id) => PAYMENT_GATEWAYS[id].names.customer));

/** "card and PayPal" / "card or PayPal": the kinds of payment the gateways take, for customer sentences. */
export const GATEWAY_PAYMENT_NAMES = {
  all: new Intl.ListFormat('en', { type: 'conjunction' }).format(GATEWAY_IDS.map((id) => PAYMENT_GATEWAYS[id].names.payment)),
  any: new Intl.ListFormat('en', { type: 'disjunction' }).format(GATEWAY_IDS.map((id) => PAYMENT_GATEWAYS[id].names.payment)),
};

/** The gateways with a standalone "add a payment method" flow, in offering order (Stripe today). */
export const ADD_METHOD_GATEWAYS = GATEWAY_IDS.filter((id) => PAYMENT_GATEWAYS[id].capabilities.addMethod);

/** Plain label data for pages and client components. */
export function gatewayNames(id: GatewayId) {
  return PAYMENT_GATEWAYS[id].names;
}
