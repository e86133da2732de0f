import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

export const desktopCreditLowEmail = defineEmailTemplate({
  name: 'desktop-credit-low',
  description: "A customer paying cloud desktops from credit is running low on it, or has run out (sessions stopped)",
  schema: z.object({
    name: z.string().trim().min(1).max(120),
    level: z.enum(['half', 'fifth', 'empty']),
    /** Formatted amounts: what is left after this period's desktop usage, of the credit held. */
    remaining: z.string().trim().min(1).max(40),
    credit: z.string().trim().min(1).max(40),
    creditUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  subject: (props, brand) => (props.level === 'empty' ? `Your ${brand.name} credit is used up: desktop sessions stopped` : `Your ${brand.name} credit is running low`),
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={props.level === 'empty' ? 'Credit used up' : 'Credit running low'}>
      <h1 style={styles.heading}>Hello {props.name},</h1>
      <p style={styles.paragraph}>
        {props.level === 'empty'
          ? `Your cloud desktop usage this period has used up your account credit of ${props.credit}, so your running sessions were stopped.`
          : `After your cloud desktop usage this period, ${props.remaining} of your ${props.credit} account credit is left (${props.level === 'half' ? 'half' : 'a fifth'}).`}
      </p>
      <p style={styles.paragraph}>Add credit, or save a payment method, to keep using your desktops without interruption.</p>
      {props.creditUrl ? (
        <>
          <EmailButton href={props.creditUrl} brand={brand}>
            Add credit
          </EmailButton>
          <p style={styles.muted}>Or open this address: {props.creditUrl}</p>
        </>
      ) : null}
    </EmailLayout>
  ),
});
