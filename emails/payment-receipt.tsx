import { z } from 'zod';
import { formattedAmount, invoiceFields, isoDate } from './invoice-fields';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

export const paymentReceiptEmail = defineEmailTemplate({
  name: 'payment-receipt',
  description: 'A payment was recorded on an invoice (PDF attached)',
  attachInvoicePdf: true,
  schema: z.object({
    ...invoiceFields,
    amount: formattedAmount,
    method: z.string().trim().min(1).max(60),
    paidOn: isoDate,
  }),
  subject: (props, brand) => `Payment received for invoice ${props.invoiceNumber} (${brand.name})`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`Payment for invoice ${props.invoiceNumber}`}>
      <h1 style={styles.heading}>Thank you, {props.name}</h1>
      <p style={styles.paragraph}>
        We received your payment of <strong>{props.amount}</strong> by {props.method} on {props.paidOn} for invoice{' '}
        <strong>{props.invoiceNumber}</strong>. The updated invoice is attached as a PDF.
      </p>
      <EmailButton href={props.invoiceUrl} brand={brand}>
        View the invoice
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.invoiceUrl}</p>
    </EmailLayout>
  ),
});
