import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

export const serviceSuspendedEmail = defineEmailTemplate({
  name: 'service-suspended',
  description: 'A service of the customer was suspended',
  schema: z.object({
    name: z.string().trim().min(1).max(120),
    serviceLabel: z.string().trim().min(1).max(160),
    reason: z.enum(['overdue', 'abuse', 'staff', 'other']),
    invoiceNumber: z.string().trim().min(1).max(40).optional(),
    invoiceUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  subject: (props, brand) => `Your ${brand.name} service ${props.serviceLabel} has been suspended`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`${props.serviceLabel} suspended`}>
      <h1 style={styles.heading}>Hello {props.name},</h1>
      <p style={styles.paragraph}>
        Your service <strong>{props.serviceLabel}</strong> has been suspended
        {props.reason === 'overdue'
          ? props.invoiceNumber
            ? ` because invoice ${props.invoiceNumber} is overdue`
            : ' because an invoice for it is overdue'
          : props.reason === 'abuse'
            ? ' following a report of abuse or a breach of our terms of service'
            : props.reason === 'staff'
              ? ' by our staff'
              : ''}
        .
      </p>
      <p style={styles.paragraph}>
        {props.reason === 'overdue'
          ? 'It is restored automatically once the invoice is paid.'
          : 'Reply to this email or contact our support team if you have questions or believe this is a mistake.'}
      </p>
      {props.invoiceUrl ? (
        <>
          <EmailButton href={props.invoiceUrl} brand={brand}>
            {props.reason === 'overdue' ? 'Pay the invoice' : 'View the invoice'}
          </EmailButton>
          <p style={styles.muted}>Or open this address: {props.invoiceUrl}</p>
        </>
      ) : null}
    </EmailLayout>
  ),
});
