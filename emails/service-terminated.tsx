import { z } from 'zod';
import { EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

export const serviceTerminatedEmail = defineEmailTemplate({
  name: 'service-terminated',
  description: 'A service of the customer was terminated',
  schema: z.object({
    name: z.string().trim().min(1).max(120),
    serviceLabel: z.string().trim().min(1).max(160),
  }),
  subject: (props, brand) => `Your ${brand.name} service ${props.serviceLabel} has been terminated`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`${props.serviceLabel} terminated`}>
      <h1 style={styles.heading}>Hello {props.name},</h1>
      <p style={styles.paragraph}>
        Your service <strong>{props.serviceLabel}</strong> has been terminated. It is no longer available, and its data may already have been deleted.
      </p>
      <p style={styles.paragraph}>If you believe this is a mistake, reply to this email or contact our support team.</p>
    </EmailLayout>
  ),
});
