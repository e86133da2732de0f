import type { z } from 'zod';
import { emailChangeEmail, passwordResetEmail, registrationExistsEmail, registrationUnconfirmedEmail, verifyEmailEmail } from './account-link';
import { adminAlertEmail } from './admin-alert';
import { domainVerificationEmail } from './domain-verification';
import { desktopCreditLowEmail } from './desktop-credit-low';
import { invoiceIssuedEmail } from './invoice-issued';
import { invoiceReminderEmail } from './invoice-reminder';
import { newDeviceSignInEmail } from './new-device-sign-in';
import { orderConfirmationEmail } from './order-confirmation';
import { paymentActionRequiredEmail } from './payment-action-required';
import { paymentReceiptEmail } from './payment-receipt';
import { resellerWelcomeEmail } from './reseller-welcome';
import { serviceReadyEmail } from './service-ready';
import { serviceSuspendedEmail } from './service-suspended';
import { serviceTerminatedEmail } from './service-terminated';
import { staffInviteEmail } from './staff-invite';
import { staffWelcomeEmail } from './staff-welcome';
import { teamInviteEmail } from './team-invite';
import { testMessageEmail } from './test-message';
import type { EmailTemplate } from './types';

// Adding an email: create emails/<name>.tsx with defineEmailTemplate and list it here under its name.
export const emailTemplates = {
  'staff-welcome': staffWelcomeEmail,
  'staff-invite': staffInviteEmail,
  'test-message': testMessageEmail,
  'admin-alert': adminAlertEmail,
  'verify-email': verifyEmailEmail,
  'password-reset': passwordResetEmail,
  'email-change': emailChangeEmail,
  'registration-exists': registrationExistsEmail,
  'registration-unconfirmed': registrationUnconfirmedEmail,
  'new-device-sign-in': newDeviceSignInEmail,
  'order-confirmation': orderConfirmationEmail,
  'team-invite': teamInviteEmail,
  'invoice-issued': invoiceIssuedEmail,
  'payment-receipt': paymentReceiptEmail,
  'payment-action-required': paymentActionRequiredEmail,
  'invoice-reminder': invoiceReminderEmail,
  'service-ready': serviceReadyEmail,
  'service-suspended': serviceSuspendedEmail,
  'service-terminated': serviceTerminatedEmail,
  'reseller-welcome': resellerWelcomeEmail,
  'domain-verification': domainVerificationEmail,
  'desktop-credit-low': desktopCreditLowEmail,
} as const;

export type EmailTemplateName = keyof typeof emailTemplates;
/** What a caller passes for a template (before defaults and trimming). */
export type EmailTemplateProps<N extends EmailTemplateName> = z.input<(typeof emailTemplates)[N]['schema']>;

export function getEmailTemplate(name: string): EmailTemplate | undefined {
  return Object.hasOwn(emailTemplates, name) ? (emailTemplates[name as EmailTemplateName] as EmailTemplate) : undefined;
}

export type { EmailBrand, EmailTemplate } from './types';
