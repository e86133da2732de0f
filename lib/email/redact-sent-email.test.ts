import { describe, expect, it } from 'vitest';
import { emailTemplates } from '@/emails';
import { redactedSentCopy, redactLink } from './redact-sent-email';

describe('redactLink', () => {
  it('replaces every query value and drops the fragment, keeping where the link went', () => {
    expect(redactLink('https://account.shop.test/reset-password?token=abc123&x=1#frag')).toBe('https://account.shop.test/reset-password?token=redacted&x=redacted');
    expect(redactLink('not a url')).toBe('redacted');
  });
});

describe('redactedSentCopy', () => {
  it('is declared by exactly the templates that mail a one-time link (a new one must be added here on purpose)', () => {
    const withLinks = Object.values(emailTemplates).filter((t) => 'oneTimeLinks' in t).map((t) => t.name);
    expect(withLinks.sort()).toEqual(['email-change', 'password-reset', 'staff-invite', 'team-invite', 'verify-email']);
  });

  it('renders the stored copy again with the link redacted, and leaves other templates alone', () => {
    const brand = { name: 'Shop', brandColor: '#16a34a' };
    const copy = redactedSentCopy({ template: 'verify-email', props: { name: 'Ada', url: 'https://account.shop.test/verify-email?token=s3cr3t-token' }, brand })!;
    expect(JSON.stringify(copy)).not.toContain('s3cr3t-token');
    expect(copy.props.url).toBe('https://account.shop.test/verify-email?token=redacted');
    expect(copy.html).toContain('verify-email?token=redacted');
    expect(redactedSentCopy({ template: 'registration-exists', props: { name: 'Ada', url: 'https://account.shop.test/sign-in' }, brand })).toBeNull();
  });
});
