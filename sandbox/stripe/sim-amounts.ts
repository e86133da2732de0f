import { stripeCurrencyRule } from '@/lib/integrations/stripe/money';
import { invalid } from './sim-api';

/**
 * Stripe's refusal of an amount its currency can't take (docs.stripe.com/currencies): ISK and UGX are whole units
 * written with two decimals, three-decimal currencies need a final 0. The ISK/UGX answer is Stripe's own
 * (invalid_charge_amount_no_decimal_compatible, as its ISK deprecation notice quotes it).
 */
export function checkStripeAmount(amount: number, currency: string, param: string): void {
  const code = currency.toUpperCase();
  const rule = stripeCurrencyRule(code);
  if (amount % rule.step === 0) return;
  if (rule.decimals === 2) {
    throw invalid(
      `Invalid amount. Currency ${code} has become effectively zero-decimal and charged amounts must be evenly divisible by 100. See https://stripe.com/docs/currencies#special-cases for more information.`,
      param,
      'invalid_charge_amount_no_decimal_compatible',
    );
  }
  throw invalid(`Invalid amount. ${code} is a three-decimal currency and amounts must end in 0, rounded to the nearest ten. See https://stripe.com/docs/currencies#three-decimal for more information.`, param, 'invalid_charge_amount');
}
