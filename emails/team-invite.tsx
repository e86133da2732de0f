import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

// The link carries the only copy of the invitation token; the database keeps its hash.
export const teamInviteEmail = defineEmailTemplate({
  name: 'team-invite',
  description: 'A customer invited someone to work on their account',
  schema: z.object({
    ownerName: z.string().trim().min(1).max(160),
    permissions: z.array(z.string().max(80)).min(1).max(10),
    acceptUrl: z.url({ protocol: /^https?$/ }),
    expiresAt: z.string().trim().min(1).max(40),
  }),
  oneTimeLinks: ['acceptUrl'],
  subject: (props, brand) => `${props.ownerName} invited you to their ${brand.name} account`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`Join ${props.ownerName}'s account`}>
      <h1 style={styles.heading}>You're invited</h1>
      <p style={styles.paragraph}>
        {props.ownerName} invited you to work on their {brand.name} account. You will sign in as yourself (or create a free account with this email
        address) and be able to:
      </p>
      <ul style={styles.paragraph}>
        {props.permissions.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <EmailButton href={props.acceptUrl} brand={brand}>
        Accept the invitation
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.acceptUrl}</p>
      <p style={styles.muted}>The invitation works once and expires {props.expiresAt}. If you did not expect it, ignore this email.</p>
    </EmailLayout>
  ),
});
