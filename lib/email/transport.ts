import nodemailer, { type Transporter } from 'nodemailer';
import { env, type Env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';

/** Where mail goes: SMTP_URL, or in sandbox mode the sandbox's SMTP simulator. Production without SMTP_URL is an error. */
export function smtpUrl(e: Env = env()): string {
  if (e.SMTP_URL) return e.SMTP_URL;
  if (e.APP_MODE === 'sandbox') return `smtp://${e.SANDBOX_HOST}:${e.SANDBOX_SMTP_PORT}`;
  throw new AppError('unavailable', 'SMTP_URL is not set: email cannot be sent in production mode without it.');
}

const g = globalThis as unknown as { __ezsMailTransport?: { url: string; transport: Transporter } };

// Unpooled: each send opens and closes its own connection, so nothing is left open when a job or CLI ends.
export function getMailTransport(): Transporter {
  const url = smtpUrl();
  if (g.__ezsMailTransport?.url === url) return g.__ezsMailTransport.transport;
  const transport = nodemailer.createTransport(url, {});
  g.__ezsMailTransport = { url, transport };
  return transport;
}

/** MAIL_FROM split into display name and address, so each storefront can send under its own name. */
export function mailFrom(e: Env = env()): { name: string; address: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(e.MAIL_FROM);
  return m ? { name: m[1] ?? '', address: m[2]!.trim() } : { name: '', address: e.MAIL_FROM.trim() };
}

export function closeMailTransport(): void {
  g.__ezsMailTransport?.transport.close();
  g.__ezsMailTransport = undefined;
}
