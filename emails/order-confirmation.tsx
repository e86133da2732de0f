import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

// Amounts arrive already formatted: the email never does money arithmetic.
export const orderConfirmationEmail = defineEmailTemplate({
  name: 'order-confirmation',
  description: 'A customer placed an order',
  schema: z.object({
    name: z.string().trim().min(1).max(120),
    orderId: z.string().trim().min(1).max(40),
    invoiceNumber: z.string().trim().min(1).max(40),
    items: z.array(z.object({ description: z.string().max(255), amount: z.string().max(40) })).max(100),
    total: z.string().trim().min(1).max(40),
    paid: z.boolean(),
    invoiceUrl: z.url({ protocol: /^https?$/ }),
  }),
  subject: (props, brand) => `Your ${brand.name} order ${props.orderId}`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`Order ${props.orderId}`}>
      <h1 style={styles.heading}>Thank you, {props.name}</h1>
      <p style={styles.paragraph}>
        We received your order <strong>{props.orderId}</strong>. Invoice {props.invoiceNumber} totals <strong>{props.total}</strong>
        {props.paid ? ' and is paid.' : ' and is waiting for payment.'}
      </p>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 14 }}>
        <tbody>
          {props.items.map((item, i) => (
            <tr key={i}>
              <td style={{ padding: '4px 0' }}>{item.description}</td>
              <td style={{ padding: '4px 0', textAlign: 'right' }}>{item.amount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <EmailButton href={props.invoiceUrl} brand={brand}>
        {props.paid ? 'View the invoice' : 'Pay the invoice'}
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.invoiceUrl}</p>
    </EmailLayout>
  ),
});
