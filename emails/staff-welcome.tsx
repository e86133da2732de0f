import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

// Never carries a password: the person who created the account hands it over some other way, or it is reset.
export const staffWelcomeEmail = defineEmailTemplate({
  name: 'staff-welcome',
  description: 'A staff account was created for someone',
  schema: z.object({
    name: z.string().trim().min(1).max(120),
    email: z.email(),
    role: z.string().trim().min(1).max(40),
    adminUrl: z.url({ protocol: /^https?$/ }),
  }),
  subject: (_props, brand) => `Your staff account on ${brand.name}`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`Your staff account on ${brand.name}`}>
      <h1 style={styles.heading}>Welcome, {props.name}</h1>
      <p style={styles.paragraph}>
        A staff account with the role <strong>{props.role}</strong> was created for you on {brand.name}. Sign in with{' '}
        <strong>{props.email}</strong> at the admin area:
      </p>
      <EmailButton href={props.adminUrl} brand={brand}>
        Sign in to {brand.name} admin
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.adminUrl}</p>
      <p style={styles.muted}>If you did not expect this account, tell the person who runs {brand.name}.</p>
    </EmailLayout>
  ),
});
