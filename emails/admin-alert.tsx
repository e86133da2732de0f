import { Fragment } from 'react';
import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

const SEVERITY_LABEL = { info: 'Info', warning: 'Warning', critical: 'Critical' } as const;
const SEVERITY_COLOR = { info: '#2563eb', warning: '#d97706', critical: '#dc2626' } as const;

export const adminAlertEmail = defineEmailTemplate({
  name: 'admin-alert',
  description: 'An alert for staff',
  schema: z.object({
    severity: z.enum(['info', 'warning', 'critical']),
    title: z.string().trim().min(1).max(200),
    body: z.string().max(10_000),
    category: z.string().trim().max(60).optional(),
    alertUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  subject: (props, brand) => `[${SEVERITY_LABEL[props.severity]}] ${props.title} (${brand.name})`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={props.title}>
      <p style={{ ...styles.muted, color: SEVERITY_COLOR[props.severity], fontWeight: 700, textTransform: 'uppercase' }}>
        {SEVERITY_LABEL[props.severity]}
        {props.category ? ` · ${props.category}` : ''}
      </p>
      <h1 style={styles.heading}>{props.title}</h1>
      {props.body.split(/\n{2,}/).map((para, i) => (
        <p key={i} style={styles.paragraph}>
          {para.split('\n').map((line, j) => (
            <Fragment key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </Fragment>
          ))}
        </p>
      ))}
      {props.alertUrl ? (
        <EmailButton href={props.alertUrl} brand={brand}>
          Open in admin
        </EmailButton>
      ) : null}
    </EmailLayout>
  ),
});
