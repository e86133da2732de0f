import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

// To the storefront's staff who manage settings, once per outcome: the domain now serves the storefront, or the
// checks gave up (what was still wrong, and how to try again).
export const domainVerificationEmail = defineEmailTemplate({
  name: 'domain-verification',
  description: 'A custom domain was verified, or its checks gave up',
  schema: z.object({
    domain: z.string().trim().min(1).max(253),
    outcome: z.enum(['verified', 'failed']),
    hostnames: z.array(z.string().max(253)).max(10).default([]),
    problems: z.array(z.string().max(500)).max(10).default([]),
    domainUrl: z.url({ protocol: /^https?$/ }),
  }),
  subject: (props, brand) => (props.outcome === 'verified' ? `${props.domain} now serves ${brand.name}` : `${props.domain} could not be verified for ${brand.name}`),
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title={props.outcome === 'verified' ? `${props.domain} verified` : `${props.domain} not verified`}>
      {props.outcome === 'verified' ? (
        <>
          <h1 style={styles.heading}>{props.domain} is verified</h1>
          <p style={styles.paragraph}>Its DNS records are in place, so {brand.name} now answers on:</p>
          <ul>
            {props.hostnames.map((h) => (
              <li key={h} style={styles.paragraph}>
                {h}
              </li>
            ))}
          </ul>
          <p style={styles.paragraph}>A certificate for each is obtained on the first visit, which may take a few seconds.</p>
        </>
      ) : (
        <>
          <h1 style={styles.heading}>{props.domain} could not be verified</h1>
          <p style={styles.paragraph}>We checked its DNS records for 72 hours and they were still not right. The last check found:</p>
          <ul>
            {props.problems.map((p) => (
              <li key={p} style={styles.paragraph}>
                {p}
              </li>
            ))}
          </ul>
          <p style={styles.paragraph}>Fix the records at your DNS provider, then press “Check now” on the domain’s page.</p>
        </>
      )}
      <EmailButton href={props.domainUrl} brand={brand}>
        Open the domain settings
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.domainUrl}</p>
    </EmailLayout>
  ),
});
