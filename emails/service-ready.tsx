import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

const schema = z.object({
  name: z.string().trim().min(1).max(120),
  serviceLabel: z.string().trim().min(1).max(160),
  serviceUrl: z.url({ protocol: /^https?$/ }),
});

// Deliberately without any login or password: those are shown in the account area after the customer confirms
// who they are, never sent by email.
export const serviceReadyEmail = defineEmailTemplate({
  name: 'service-ready',
  description: 'A service has been set up on its panel and is ready to use',
  schema,
  subject: (props, brand) => `${props.serviceLabel} is ready — ${brand.name}`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`${props.serviceLabel} is ready`}>
      <h1 style={styles.heading}>Hello {props.name},</h1>
      <p style={styles.paragraph}>
        <strong>{props.serviceLabel}</strong> is set up and ready. Its address, status and controls are on its page in your account; login details are
        shown there after you confirm your password.
      </p>
      <EmailButton href={props.serviceUrl} brand={brand}>
        Open the service
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.serviceUrl}</p>
    </EmailLayout>
  ),
});
