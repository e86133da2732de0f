import type { PaymentTransaction } from '@/lib/payments/transactions';

export interface Notice {
  tone: 'ok' | 'info' | 'error';
  text: string;
}

/** What the customer is told on coming back from the gateway, from the attempt's recorded status. */
export function attemptNotice(attempt: Pick<PaymentTransaction, 'status' | 'failureReason'>): Notice {
  switch (attempt.status) {
    case 'succeeded':
      return { tone: 'ok', text: 'Payment received. Thank you!' };
    case 'failed':
      return { tone: 'error', text: `The payment did not go through: ${attempt.failureReason ?? 'the payment provider declined it'}. Nothing was charged; you can try again or pick another method.` };
    case 'pending':
      return { tone: 'info', text: 'Your payment is being confirmed by the payment provider. This page shows it as paid once it is; there is no need to pay again.' };
    case 'requires_action':
      return { tone: 'error', text: 'Your bank needs you to confirm this payment. Please pay again and complete the check with your bank.' };
    case 'cancelled':
      return { tone: 'info', text: 'Payment cancelled — nothing was charged.' };
  }
}
