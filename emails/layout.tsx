import type { CSSProperties, ReactNode } from 'react';
import type { EmailBrand } from './types';

const DEFAULT_COLOR = '#2563eb';

/** Only a plain hex colour reaches a style attribute, so a stored value cannot inject CSS. */
export function safeBrandColor(color: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color : DEFAULT_COLOR;
}

/** Black or white, whichever reads better on the brand colour (WCAG relative luminance). */
export function textColorOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? '#111827' : '#ffffff';
}

const font = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export const styles = {
  paragraph: { margin: '0 0 16px', fontSize: '15px', lineHeight: '24px', color: '#1f2937' },
  heading: { margin: '0 0 16px', fontSize: '20px', lineHeight: '28px', fontWeight: 600, color: '#111827' },
  muted: { margin: '0 0 12px', fontSize: '13px', lineHeight: '20px', color: '#6b7280' },
} satisfies Record<string, CSSProperties>;

/** A button made of a table cell and a link, the form most mail clients render reliably. */
export function EmailButton({ href, brand, children }: { href: string; brand: EmailBrand; children: ReactNode }) {
  const bg = safeBrandColor(brand.brandColor);
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} style={{ margin: '8px 0 24px' }}>
      <tbody>
        <tr>
          <td style={{ backgroundColor: bg, borderRadius: '6px' }}>
            <a
              href={href}
              style={{ display: 'inline-block', padding: '12px 20px', color: textColorOn(bg), fontFamily: font, fontSize: '15px', fontWeight: 600, textDecoration: 'none' }}
            >
              {children}
            </a>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** Only a web address reaches an href or src: a stored value cannot become a javascript: link. */
function webUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null;
}

/** The storefront's footer text, support address and legal links, then who sent the email. */
function EmailFooter({ brand }: { brand: EmailBrand }) {
  const footer = { ...styles.muted, marginTop: '16px', maxWidth: '600px' };
  const links = (brand.legalLinks ?? []).map((l) => ({ label: l.label, url: webUrl(l.url) })).filter((l): l is { label: string; url: string } => !!l.url);
  return (
    <>
      {brand.footerText ? <p style={{ ...footer, whiteSpace: 'pre-line' }}>{brand.footerText}</p> : null}
      {brand.supportEmail ? (
        <p style={footer}>
          Questions? Write to <a href={`mailto:${brand.supportEmail}`} style={{ color: '#374151' }}>{brand.supportEmail}</a>.
        </p>
      ) : null}
      {links.length ? (
        <p style={footer}>
          {links.map((l, i) => (
            <span key={l.url}>
              {i > 0 ? ' · ' : null}
              <a href={l.url} style={{ color: '#374151' }}>
                {l.label}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      <p style={footer}>This email was sent by {brand.name}.</p>
    </>
  );
}

/** Shared frame: a header bar in the storefront's colour (with its logo), the content card and the storefront's footer. */
export function EmailLayout({ brand, title, children }: { brand: EmailBrand; title: string; children: ReactNode }) {
  const color = safeBrandColor(brand.brandColor);
  const logo = webUrl(brand.logoUrl);
  return (
    <html lang="en">
      <head>
        <meta httpEquiv="Content-Type" content="text/html; charset=UTF-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body style={{ margin: 0, padding: 0, backgroundColor: '#f3f4f6', fontFamily: font }}>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ backgroundColor: '#f3f4f6' }}>
          <tbody>
            <tr>
              <td align="center" style={{ padding: '24px 12px' }}>
                <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ maxWidth: '600px', backgroundColor: '#ffffff', borderRadius: '8px' }}>
                  <tbody>
                    <tr>
                      <td style={{ backgroundColor: color, color: textColorOn(color), padding: '16px 24px', borderRadius: '8px 8px 0 0', fontSize: '18px', fontWeight: 700 }}>
                        {logo ? <img src={logo} alt={brand.name} height={40} style={{ display: 'block', height: '40px', maxWidth: '240px', border: 0 }} /> : brand.name}
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: '24px' }}>{children}</td>
                    </tr>
                  </tbody>
                </table>
                <EmailFooter brand={brand} />
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}
