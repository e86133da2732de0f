import { z } from 'zod';
import { EmailButton, EmailLayout, styles } from './layout';
import { defineEmailTemplate } from './types';

const linkProps = z.object({
  name: z.string().trim().min(1).max(120),
  url: z.url({ protocol: /^https?$/ }),
});

// The emails that carry a one-time link for the account holder. Each says why it came and what to do if unexpected.

export const verifyEmailEmail = defineEmailTemplate({
  name: 'verify-email',
  description: 'Confirms a new customer owns their email address',
  schema: linkProps,
  oneTimeLinks: ['url'],
  subject: (_p, brand) => `Confirm your email address for ${brand.name}`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title="Confirm your email address">
      <h1 style={styles.heading}>Welcome, {props.name}</h1>
      <p style={styles.paragraph}>Confirm your email address to finish setting up your {brand.name} account. The link works for 24 hours.</p>
      <EmailButton href={props.url} brand={brand}>
        Confirm email address
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.url}</p>
      <p style={styles.muted}>If you did not create an account, ignore this email.</p>
    </EmailLayout>
  ),
});

export const passwordResetEmail = defineEmailTemplate({
  name: 'password-reset',
  description: 'A link to choose a new password',
  schema: linkProps,
  oneTimeLinks: ['url'],
  subject: (_p, brand) => `Reset your ${brand.name} password`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title="Reset your password">
      <h1 style={styles.heading}>Reset your password</h1>
      <p style={styles.paragraph}>
        Hello {props.name}, someone asked to reset the password of your {brand.name} account. The link works once, for one hour, and signs
        you out everywhere.
      </p>
      <EmailButton href={props.url} brand={brand}>
        Choose a new password
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.url}</p>
      <p style={styles.muted}>If you did not ask for this, ignore this email: your password stays as it is.</p>
    </EmailLayout>
  ),
});

export const emailChangeEmail = defineEmailTemplate({
  name: 'email-change',
  description: 'Confirms a new email address at that address',
  schema: linkProps,
  oneTimeLinks: ['url'],
  subject: (_p, brand) => `Confirm your new email address for ${brand.name}`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title="Confirm your new email address">
      <h1 style={styles.heading}>Confirm your new email address</h1>
      <p style={styles.paragraph}>
        Hello {props.name}, confirm that this is the new email address of your {brand.name} account. Until you do, the old address stays
        in use. The link works for 24 hours.
      </p>
      <EmailButton href={props.url} brand={brand}>
        Confirm new address
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.url}</p>
      <p style={styles.muted}>If you did not ask for this, ignore this email.</p>
    </EmailLayout>
  ),
});

export const registrationExistsEmail = defineEmailTemplate({
  name: 'registration-exists',
  description: 'Someone tried to register with an address that already has an account',
  schema: linkProps,
  subject: (_p, brand) => `You already have a ${brand.name} account`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title="You already have an account">
      <h1 style={styles.heading}>You already have an account</h1>
      <p style={styles.paragraph}>
        Hello {props.name}, someone tried to create a {brand.name} account with this email address, which already has one. If it was
        you, sign in, or reset your password if you have forgotten it.
      </p>
      <EmailButton href={props.url} brand={brand}>
        Sign in
      </EmailButton>
      <p style={styles.muted}>If it was not you, no action is needed: nothing changed.</p>
    </EmailLayout>
  ),
});

export const registrationUnconfirmedEmail = defineEmailTemplate({
  name: 'registration-unconfirmed',
  description: 'Someone registered with an address whose account was started but never confirmed',
  // No name: the one on the unconfirmed account was typed by whoever started it.
  schema: z.object({ url: z.url({ protocol: /^https?$/ }) }),
  subject: (_p, brand) => `Finish creating your ${brand.name} account`,
  component: ({ props, brand }) => (
    <EmailLayout brand={brand} title="Finish creating your account">
      <h1 style={styles.heading}>Finish creating your account</h1>
      <p style={styles.paragraph}>
        Someone asked to create a {brand.name} account with this email address. An account for it was started earlier but never
        confirmed. If this is your address, choose your password with the link below: the account becomes yours, everyone else signed in
        to it is signed out, and anything set up on it before (second factors, passkeys, team members, saved cards) is removed. The link
        works once, for one hour.
      </p>
      <EmailButton href={props.url} brand={brand}>
        Choose your password
      </EmailButton>
      <p style={styles.muted}>Or open this address: {props.url}</p>
      <p style={styles.muted}>If you did not ask for this, ignore this email.</p>
    </EmailLayout>
  ),
});
