import { z } from 'zod';
import { formattedAmount, invoiceFields } from './invoice-fields';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

const schema = z.object({
  ...invoiceFields,
  amount: formattedAmount,
  /** The saved method we tried, e.g. "Visa •••• 3184". */
  method: z.string().trim().min(1).max(120),
});

export const paymentActionRequiredEmail = defineEmailTemplate({
  name: 'payment-action-required',
  description: 'An automatic renewal charge needs the customer to confirm it with their bank (3-D Secure)',
  schema,
  subject: (props, brand) => `Please confirm your payment for invoice ${props.invoiceNumber} from ${brand.name}`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`Invoice ${props.invoiceNumber}`}>
      <h1 style={styles.heading}>Hello {props.name},</h1>
      <p style={styles.paragraph}>
        We tried to charge <strong>{props.amount}</strong> for invoice <strong>{props.invoiceNumber}</strong> to your {props.method}, and your bank asked
        for you to confirm the payment yourself. Nothing has been charged yet.
      </p>
      <p style={styles.paragraph}>Open the invoice and pay it by card to complete the check with your bank.</p>
      <EmailButton href={props.invoiceUrl} brand={brand}>
        Complete the payment
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.invoiceUrl}</p>
    </EmailLayout>
  ),
});
