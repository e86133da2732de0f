import { z } from 'zod';
import { formattedAmount, invoiceFields, isoDate } from './invoice-fields';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

export const invoiceIssuedEmail = defineEmailTemplate({
  name: 'invoice-issued',
  description: 'A new invoice was issued to a customer (PDF attached)',
  attachInvoicePdf: true,
  schema: z.object({
    ...invoiceFields,
    total: formattedAmount,
    dueOn: isoDate,
    lines: z.array(z.object({ description: z.string().trim().max(255), amount: formattedAmount })).max(100),
  }),
  subject: (props, brand) => `Invoice ${props.invoiceNumber} from ${brand.name}`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={`Invoice ${props.invoiceNumber}`}>
      <h1 style={styles.heading}>Hello {props.name},</h1>
      <p style={styles.paragraph}>
        {brand.name} issued invoice <strong>{props.invoiceNumber}</strong> for <strong>{props.total}</strong>, due on <strong>{props.dueOn}</strong>. The
        invoice is attached as a PDF.
      </p>
      {props.lines.length ? (
        <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 14, marginBottom: 16 }}>
          <tbody>
            {props.lines.map((line, i) => (
              <tr key={i}>
                <td style={{ padding: '4px 0' }}>{line.description}</td>
                <td style={{ padding: '4px 0', textAlign: 'right' }}>{line.amount}</td>
              </tr>
            ))}
            <tr>
              <td style={{ padding: '4px 0', fontWeight: 700 }}>Total</td>
              <td style={{ padding: '4px 0', textAlign: 'right', fontWeight: 700 }}>{props.total}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      <EmailButton href={props.invoiceUrl} brand={brand}>
        View and pay the invoice
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.invoiceUrl}</p>
    </EmailLayout>
  ),
});
