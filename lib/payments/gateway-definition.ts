import { z } from 'zod';
import type { Storefront } from '@/db/schema/central';
import type { MinorDigitsOf, PaymentGateway } from './gateway';

// What the registry (lib/payments/registry.ts) knows of a gateway without loading its SDK: names, capabilities,
// settings and how to connect its webhooks. Only `load` and `webhooks.register` may import the SDK, dynamically:
// the billing run and the CLI import the registry but rarely talk to a gateway.

export type GatewayStorefront = Pick<Storefront, 'id' | 'slug' | 'name'>;

/** The texts that name a gateway, kept in one place so every page says the same. */
export interface GatewayNames {
  /** Staff-facing, in settings, audit messages and admin filters: "Stripe". */
  staff: string;
  /** What customers see as the method of a payment: "Card". */
  customer: string;
  /** The kind of payment in a staff sentence ("Refund … card payment of …"): "card". */
  payment: string;
  /** The pay button on an unpaid invoice: "Pay by card". */
  payButton: string;
  /** After the button, before the redirect: "Taking you to the card payment page…". */
  redirecting: string;
  /** When the storefront has it off or unset: "Card payments are not available on this store.". */
  unavailable: string;
  /** The settings card's title: "Stripe (cards)". */
  settingsTitle: string;
}

export interface GatewayCapabilities {
  /** Pays an invoice on the gateway's hosted page (redirect and back). */
  hostedPayment: boolean;
  /** Keeps the method used for a hosted payment, when the customer ticks "save". */
  saveMethod: boolean;
  /** A standalone "add a payment method" flow from the account's payment methods page. */
  addMethod: boolean;
  /** Charges a saved method without the customer (renewals). */
  offSession: boolean;
  refunds: boolean;
  webhooks: boolean;
  disputes: boolean;
}

/** One field of the admin payment settings form, keyed by the stored settings key it edits. */
export type GatewaySettingField =
  | { kind: 'boolean'; label: string }
  | { kind: 'text'; label: string; hint?: string; maxLength: number; input: z.ZodType<string, string> }
  | { kind: 'select'; label: string; options: { value: string; label: string }[]; input: z.ZodType<string, string> }
  /** Write-only: stored sealed with the app key, never shown again; blank keeps it, "<name>Clear" removes it. */
  | { kind: 'secret'; label: string; input: z.ZodType<string, string> };

/** A gateway's id is its key in the registry, stored on every payment: never rename one. */
export interface GatewayDefinition<S extends Record<string, unknown>, C> {
  names: GatewayNames;
  capabilities: GatewayCapabilities;
  settings: {
    /** The stored settings of this gateway (settings.payments.<id>); sealed fields hold secret-box output. */
    schema: z.ZodType<S>;
    defaults: S;
    /** The admin form, in display order; secrets are sealed on save. */
    form: { [K in keyof S]: GatewaySettingField };
  };
  /** The opened keys a storefront uses; null when the gateway is off or (outside sandbox mode) not set up. */
  config(sf: GatewayStorefront, settings: S): C | null;
  /** Whether staff turned the gateway on and entered its keys (the sandbox stand-in's defaults do not count). */
  hasKeys(settings: S): boolean;
  webhooks: {
    /** Whether verifying deliveries has what it needs (Stripe's signing secret, PayPal's webhook id). */
    connected(settings: S): boolean;
    /** The settings page's description of the connection: "signing secret stored", "not connected". */
    status(settings: S): string;
    /** The reason connecting cannot start: "Stripe is not enabled or has no secret key.". */
    notReady: string;
    /** Registers `url` with the gateway; returns the settings to store (sealed already) and what to audit. */
    register(config: C, url: string): Promise<{ store: Partial<S>; audit: Record<string, unknown> }>;
  };
  /** The adapter, with its SDK imported on first use; amounts convert with the storefront's currency digits. */
  load(config: C, digitsOf: MinorDigitsOf): Promise<PaymentGateway>;
}

/** Checks a definition against the contract while keeping its own settings and config types. */
export function defineGateway<S extends Record<string, unknown>, C>(definition: GatewayDefinition<S, C>): GatewayDefinition<S, C> {
  return definition;
}

/** A settings form input for a key: blank, or one token of the given shape (keys never contain spaces). */
export const keyInput = (pattern: RegExp, message: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => v === '' || pattern.test(v), message);
