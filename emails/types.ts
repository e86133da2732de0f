import type { ReactElement } from 'react';
import type { z } from 'zod';

/** The storefront identity every email is branded with (lib/branding/email-brand.ts builds it). */
export interface EmailBrand {
  name: string;
  brandColor: string;
  /** Absolute URL of the logo as PNG or JPEG (mail clients do not show SVG); absent: the name in the header. */
  logoUrl?: string | null;
  supportEmail?: string | null;
  footerText?: string | null;
  legalLinks?: readonly { label: string; url: string }[];
}

type PropsSchema = z.ZodType<Record<string, unknown>>;

/**
 * One email: its props schema (checked when the email is queued and again when it is rendered), its subject and
 * its body. Methods rather than function properties so a specific template fits the registry's general type.
 */
export interface EmailTemplate<S extends PropsSchema = PropsSchema> {
  name: string;
  /** One line for operators, e.g. in a template list. */
  description: string;
  schema: S;
  /**
   * When the props carry an invoicePublicId, the sender attaches that invoice as a PDF. Opt-in per template, so a
   * template that merely mentions an invoice never grows an attachment by accident.
   */
  attachInvoicePdf?: boolean;
  /**
   * Props holding a link with a one-time token (a password reset, an invitation). Once the email is sent, the
   * outbox keeps those links with every query value replaced by "redacted": the stored copy is no credential.
   */
  oneTimeLinks?: readonly (keyof z.output<S> & string)[];
  subject(props: z.output<S>, brand: EmailBrand): string;
  component(args: { props: z.output<S>; brand: EmailBrand }): ReactElement;
}

export function defineEmailTemplate<S extends PropsSchema>(template: EmailTemplate<S>): EmailTemplate<S> {
  return template;
}
