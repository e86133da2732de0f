import { z } from 'zod';
import { formattedAmount, invoiceFields, isoDate } from './invoice-fields';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

const STAGES = ['reminder', 'due', 'overdue_1', 'overdue_2', 'overdue_3'] as const;
type Stage = (typeof STAGES)[number];
const NOTICE: Partial<Record<Stage, string>> = { overdue_1: 'first notice', overdue_2: 'second notice', overdue_3: 'final notice' };

const schema = z.object({
  ...invoiceFields,
  balance: formattedAmount,
  dueOn: isoDate,
  stage: z.enum(STAGES),
  /** For the 'reminder' stage: how many days are left; without it the email names the due date. */
  daysUntilDue: z.int().min(1).max(366).optional(),
  /** When the services this invoice pays for will be suspended; without it the email names no date. */
  suspendOn: isoDate.optional(),
});
type Props = z.output<typeof schema>;

function dueText(p: Props): string {
  if (p.stage === 'due') return 'is due today';
  if (p.stage === 'reminder') return p.daysUntilDue ? `is due in ${p.daysUntilDue} day${p.daysUntilDue === 1 ? '' : 's'}` : `is due on ${p.dueOn}`;
  return `is overdue — ${NOTICE[p.stage]}`;
}

export const invoiceReminderEmail = defineEmailTemplate({
  name: 'invoice-reminder',
  description: 'A payment reminder or overdue notice for an unpaid invoice (PDF attached)',
  attachInvoicePdf: true,
  schema,
  subject: (props, brand) => `${props.stage.startsWith('overdue') ? 'Overdue' : 'Reminder'}: invoice ${props.invoiceNumber} from ${brand.name} ${dueText(props)}`,
  component: ({ props, brand }) => {
    const overdue = props.stage.startsWith('overdue');
    return (
      <EmailLayout brand={brand} title={`Invoice ${props.invoiceNumber}`}>
        <h1 style={styles.heading}>Hello {props.name},</h1>
        <p style={styles.paragraph}>
          Invoice <strong>{props.invoiceNumber}</strong> {dueText(props)}
          {overdue ? ` (it was due on ${props.dueOn})` : ''}. The balance of <strong>{props.balance}</strong> is still open; the invoice is attached as a
          PDF.
        </p>
        {props.suspendOn ? (
          <p style={styles.paragraph}>
            If it is still unpaid, the services it covers will be suspended on <strong>{props.suspendOn}</strong>.
          </p>
        ) : (
          <p style={styles.paragraph}>Services covered by an invoice that stays overdue are suspended after a number of days.</p>
        )}
        <EmailButton href={props.invoiceUrl} brand={brand}>
          Pay the invoice
        </EmailButton>
        <p style={styles.muted}>Or open this address: {props.invoiceUrl}</p>
        <p style={styles.muted}>If you have already paid, thank you, and please ignore this message.</p>
      </EmailLayout>
    );
  },
});
