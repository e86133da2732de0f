import type { EmailBrand } from '@/emails';
import { renderEmail, type RenderedEmail } from './render-email';
import { getEmailTemplateOrThrow } from './template-props';

// Sent emails stay in the outbox for support ("did the customer get it, what did it say?"). A one-time link in
// that copy would be a live credential for anyone who can read the table, a backup or a replica; the recipient
// has theirs, so after sending we keep the email with the token replaced.

export const REDACTED = 'redacted';

/** A link with every query value (where our tokens travel) and any fragment replaced. */
export function redactLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return REDACTED;
  }
  for (const key of new Set(url.searchParams.keys())) url.searchParams.set(key, REDACTED);
  url.hash = '';
  return url.toString();
}

/**
 * What the outbox keeps of a sent email whose template carries one-time links: its props and body rendered
 * again with those links redacted. Null for templates without any (their stored copy stays as sent).
 */
export function redactedSentCopy(input: { template: string; props: Record<string, unknown>; brand: EmailBrand }): ({ props: Record<string, unknown> } & Omit<RenderedEmail, 'subject'>) | null {
  const keys = getEmailTemplateOrThrow(input.template).oneTimeLinks ?? [];
  if (!keys.length) return null;
  const props = { ...input.props };
  for (const key of keys) if (typeof props[key] === 'string') props[key] = redactLink(props[key]);
  const { html, text } = renderEmail({ template: input.template, props, brand: input.brand });
  return { props, html, text };
}
