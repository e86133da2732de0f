import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

export const newDeviceSignInEmail = defineEmailTemplate({
  name: 'new-device-sign-in',
  description: 'Someone signed in from a device not seen on this account before',
  schema: z.object({
    name: z.string().trim().min(1).max(120),
    device: z.string().max(100),
    ip: z.string().max(45),
    at: z.string().max(40),
    sessionsUrl: z.url({ protocol: /^https?$/ }),
  }),
  subject: (_p, brand) => `New sign-in to your ${brand.name} account`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title="New sign-in">
      <h1 style={styles.heading}>New sign-in to your account</h1>
      <p style={styles.paragraph}>
        Hello {props.name}, your {brand.name} account was just signed in to from a device we have not seen before: {props.device}, IP{' '}
        {props.ip}, at {props.at}.
      </p>
      <p style={styles.paragraph}>If this was you, there is nothing to do. If not, sign that session out and change your password now.</p>
      <EmailButton href={props.sessionsUrl} brand={brand}>
        Review your sessions
      </EmailButton>
    </EmailLayout>
  ),
});
