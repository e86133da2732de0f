import { describe, expect, it } from 'vitest';
import { emailTemplates } from '@/emails';
import { renderEmail } from './render-email';

const brand = { name: 'Alpha <Hosting>', brandColor: '#16a34a' };

describe('renderEmail', () => {
  it('registers every template under its own name', () => {
    for (const [key, t] of Object.entries(emailTemplates)) expect(t.name).toBe(key);
  });

  it('renders staff-welcome with the brand, the admin URL and no password', () => {
    const out = renderEmail({
      template: 'staff-welcome',
      props: { name: 'Ann', email: 'ann@example.com', role: 'owner', adminUrl: 'https://admin.alpha.test/login', password: 'hunter2hunter2' },
      brand,
    });
    expect(out.subject).toBe('Your staff account on Alpha <Hosting>');
    expect(out.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(out.html).toContain('Alpha &lt;Hosting&gt;');
    expect(out.html).toContain('href="https://admin.alpha.test/login"');
    expect(out.html).toContain('background-color:#16a34a');
    expect(out.text).toContain('https://admin.alpha.test/login');
    expect(out.text).toContain('Welcome, Ann');
    expect(out.html + out.text).not.toContain('hunter2');
  });

  it('escapes user content and keeps a bad brand colour out of the styles', () => {
    const out = renderEmail({
      template: 'admin-alert',
      props: { severity: 'critical', title: '<script>alert(1)</script>', body: 'line one\nline two\n\nsecond paragraph' },
      brand: { name: 'Beta', brandColor: 'red;background:url(x)' },
    });
    expect(out.subject).toBe('[Critical] <script>alert(1)</script> (Beta)');
    expect(out.html).not.toContain('<script>');
    expect(out.html).toContain('&lt;script&gt;');
    expect(out.html).not.toContain('url(x)');
    expect(out.html).toContain('#2563eb');
    expect(out.text).toMatch(/line one\nline two\n\nsecond paragraph/);
  });

  it('shows the storefront logo, footer text, support address and legal links, and only web links of them', () => {
    const out = renderEmail({
      template: 'test-message',
      props: {},
      brand: {
        ...brand,
        logoUrl: 'https://alpha.test/api/brand-assets/logo-1.png',
        supportEmail: 'help@alpha.test',
        footerText: 'Alpha Hosting Ltd\n1 Main Street',
        legalLinks: [
          { label: 'Terms', url: 'https://alpha.test/terms' },
          { label: 'Privacy', url: 'javascript:alert(1)' },
        ],
      },
    });
    expect(out.html).toContain('<img src="https://alpha.test/api/brand-assets/logo-1.png" alt="Alpha &lt;Hosting&gt;"');
    expect(out.html).toContain('href="mailto:help@alpha.test"');
    expect(out.html).toContain('href="https://alpha.test/terms"');
    expect(out.html).not.toContain('javascript:');
    expect(out.text).toContain('Alpha Hosting Ltd');
    expect(out.text).toContain('Questions? Write to help@alpha.test');
    // Without a usable logo URL the header is the name again.
    expect(renderEmail({ template: 'test-message', props: {}, brand: { ...brand, logoUrl: 'javascript:alert(1)' } }).html).not.toContain('<img');
  });

  it('renders test-message with optional props absent', () => {
    const out = renderEmail({ template: 'test-message', props: {}, brand });
    expect(out.subject).toBe('Test email from Alpha <Hosting>');
    expect(out.text).toContain('Email delivery works');
    expect(out.text).not.toContain('Requested by');
  });

  it('throws a clear error for an unknown template or invalid props', () => {
    expect(() => renderEmail({ template: 'nope', props: {}, brand })).toThrow('Unknown email template "nope".');
    expect(() => renderEmail({ template: 'toString', props: {}, brand })).toThrow(/Unknown email template/);
    expect(() => renderEmail({ template: 'staff-welcome', props: { name: 'Ann', email: 'not-an-email', role: 'owner', adminUrl: 'https://a.test' }, brand })).toThrow(
      /Invalid props for email template "staff-welcome": email:/,
    );
    expect(() =>
      renderEmail({ template: 'staff-welcome', props: { name: 'Ann', email: 'a@b.test', role: 'owner', adminUrl: 'javascript:alert(1)' }, brand }),
    ).toThrow(/adminUrl/);
  });
});
