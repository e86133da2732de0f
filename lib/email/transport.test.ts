import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { mailFrom, smtpUrl } from './transport';

const envOf = (vars: Record<string, string>) => parseEnv({ NODE_ENV: 'test', ...vars } as NodeJS.ProcessEnv);

describe('smtpUrl', () => {
  it('uses SMTP_URL when set, in either mode', () => {
    expect(smtpUrl(envOf({ APP_MODE: 'production', SMTP_URL: 'smtp://mail.example.com:587' }))).toBe('smtp://mail.example.com:587');
    expect(smtpUrl(envOf({ APP_MODE: 'sandbox', SMTP_URL: 'smtp://mail.example.com:587' }))).toBe('smtp://mail.example.com:587');
  });

  it('falls back to the sandbox SMTP simulator in sandbox mode', () => {
    expect(smtpUrl(envOf({ APP_MODE: 'sandbox', SANDBOX_HOST: '127.0.0.1', SANDBOX_SMTP_PORT: '2626' }))).toBe('smtp://127.0.0.1:2626');
  });

  it('refuses to guess in production mode', () => {
    expect(() => smtpUrl(envOf({ APP_MODE: 'production' }))).toThrow(/SMTP_URL is not set/);
  });
});

describe('mailFrom', () => {
  it('splits a display name from the address', () => {
    expect(mailFrom(envOf({ MAIL_FROM: 'EZSCALE Billing <billing@ezscale.test>' }))).toEqual({ name: 'EZSCALE Billing', address: 'billing@ezscale.test' });
    expect(mailFrom(envOf({ MAIL_FROM: '"Quoted" <q@ezscale.test>' }))).toEqual({ name: 'Quoted', address: 'q@ezscale.test' });
    expect(mailFrom(envOf({ MAIL_FROM: 'plain@ezscale.test' }))).toEqual({ name: '', address: 'plain@ezscale.test' });
  });
});
