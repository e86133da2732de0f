import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

// Sent by the platform (from its own storefront) once a reseller's storefront is live. The sign-in link is the
// separate owner invitation from the reseller's storefront; this one carries no token.
export const resellerWelcomeEmail = defineEmailTemplate({
  name: 'reseller-welcome',
  description: 'A reseller storefront is live: where it is and what to do first',
  schema: z.object({
    name: z.string().trim().min(1).max(120),
    storefrontName: z.string().trim().min(1).max(120),
    ownerEmail: z.email(),
    shopUrl: z.url({ protocol: /^https?$/ }),
    adminUrl: z.url({ protocol: /^https?$/ }),
  }),
  subject: (props) => `Your storefront ${props.storefrontName} is ready`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`Your storefront ${props.storefrontName} is ready`}>
      <h1 style={styles.heading}>Welcome to the {brand.name} reseller program, {props.name}</h1>
      <p style={styles.paragraph}>
        Your storefront <strong>{props.storefrontName}</strong> is live at {props.shopUrl}. We sent a separate invitation to <strong>{props.ownerEmail}</strong>: open it to
        choose your password and become the storefront&apos;s owner (it expires in 7 days).
      </p>
      <EmailButton href={props.adminUrl} brand={brand}>
        Open your admin panel
      </EmailButton>
      <p style={styles.paragraph}>
        Your dashboard has a checklist to get selling: your branding, your prices, a payment gateway for your own account and your first product live.
      </p>
      <p style={styles.muted}>Admin panel: {props.adminUrl}</p>
    </EmailLayout>
  ),
});
