import { z } from 'zod';
import { EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

export const testMessageEmail = defineEmailTemplate({
  name: 'test-message',
  description: 'A test email an operator sends to check delivery',
  schema: z.object({
    requestedBy: z.string().trim().min(1).max(120).optional(),
    note: z.string().trim().max(1000).optional(),
  }),
  subject: (_props, brand) => `Test email from ${brand.name}`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`Test email from ${brand.name}`}>
      <h1 style={styles.heading}>Email delivery works</h1>
      <p style={styles.paragraph}>
        This is a test email from {brand.name}. If you can read it, outgoing email is set up correctly.
      </p>
      {props.note ? <p style={styles.paragraph}>{props.note}</p> : null}
      {props.requestedBy ? <p style={styles.muted}>Requested by {props.requestedBy}.</p> : null}
    </EmailLayout>
  ),
});
