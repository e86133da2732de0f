import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

// The link carries the only copy of the invitation token; the database keeps its hash.
export const staffInviteEmail = defineEmailTemplate({
  name: 'staff-invite',
  description: 'Someone was invited to join the staff',
  schema: z.object({
    name: z.string().trim().min(1).max(120),
    role: z.string().trim().min(1).max(40),
    invitedBy: z.string().trim().min(1).max(254),
    acceptUrl: z.url({ protocol: /^https?$/ }),
    expiresAt: z.string().trim().min(1).max(40),
  }),
  oneTimeLinks: ['acceptUrl'],
  subject: (_props, brand) => `You're invited to the ${brand.name} staff`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`You're invited to the ${brand.name} staff`}>
      <h1 style={styles.heading}>Hello {props.name}</h1>
      <p style={styles.paragraph}>
        {props.invitedBy} invited you to join {brand.name} as a staff member with the role <strong>{props.role}</strong>. Choose your password to
        create your account:
      </p>
      <EmailButton href={props.acceptUrl} brand={brand}>
        Accept the invitation
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.acceptUrl}</p>
      <p style={styles.muted}>The invitation works once and expires {props.expiresAt}. If you did not expect it, ignore this email.</p>
    </EmailLayout>
  ),
});
