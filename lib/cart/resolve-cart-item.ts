import type { OrderItemSelection } from '@/db/schema/storefront';
import type { CartItem } from '@/lib/cart/schemas';
import { optionLineDescription } from '@/lib/catalog/option-line-description';
import { parseOrderFields } from '@/lib/catalog/order-fields';
import type { OrderOption, OrderPlan } from '@/lib/catalog/public/get-plan-for-order';
import { AppError } from '@/lib/errors/app-error';
import type { PricedItemInput, PricedOptionInput } from '@/lib/pricing/types';

export interface ResolvedCartItem {
  plan: OrderPlan;
  priced: PricedItemInput;
  selection: OrderItemSelection;
}

function bad(message: string, field?: string): AppError {
  return new AppError('bad_request', message, field ? { [field]: [message] } : undefined);
}

function optionPrice(option: OrderOption, valueId: number, currency: string, cycle: CartItem['cycle']) {
  const value = option.values.find((v) => v.id === valueId);
  if (!value) return null;
  // A value without a price row for this currency and cycle costs nothing (like an included OS template).
  const price = value.prices.find((p) => p.currency === currency && p.cycle === cycle);
  return { value, amountMinor: price?.amountMinor ?? 0, setupFeeMinor: price?.setupFeeMinor ?? 0 };
}

/**
 * Checks one cart item against the live catalog and turns it into the pricing engine's input. Only ids and typed
 * fields come from the browser; every amount comes from the catalog rows. Anything unknown is a 400.
 */
export function resolveCartItem(plan: OrderPlan | null, item: CartItem, currency: string, key: string): ResolvedCartItem {
  if (!plan) throw bad(`The plan "${item.planSlug}" is not available.`, 'planSlug');
  const price = plan.prices.find((p) => p.currency === currency && p.cycle === item.cycle);
  if (!price) throw bad(`${plan.name} is not offered ${item.cycle.replace('_', '-')} in ${currency}.`, 'cycle');
  if (plan.stock === 0) throw new AppError('conflict', `${plan.name} is out of stock.`);

  let locationId: number | null = null;
  if (plan.locations.length > 0) {
    const loc = plan.locations.find((l) => l.id === item.locationId);
    if (!loc) throw bad('Choose one of the plan’s locations.', 'locationId');
    locationId = loc.id;
  } else if (item.locationId !== null) {
    throw bad(`${plan.name} has no location choice.`, 'locationId');
  }

  const allOptions = plan.optionGroups.flatMap((g) => g.options);
  const seen = new Set<number>();
  const priced: PricedOptionInput[] = [];
  const chosen: OrderItemSelection['options'] = [];
  for (const sent of item.options) {
    const option = allOptions.find((o) => o.id === sent.optionId);
    if (!option) throw bad('The order names an option this plan does not have.', 'options');
    if (seen.has(option.id)) throw bad(`${option.name} was chosen twice.`, `option_${option.id}`);
    seen.add(option.id);
    const field = `option_${option.id}`;
    let valueId: number;
    let quantity = 1;
    if (option.type === 'dropdown' || option.type === 'radio') {
      if (sent.valueId === null) throw bad(`Choose a value for ${option.name}.`, field);
      valueId = sent.valueId;
    } else {
      // Quantity and yes/no options price their single value per unit.
      const unit = option.values[0];
      if (!unit || (sent.valueId !== null && sent.valueId !== unit.id)) throw bad(`${option.name} has no such choice.`, field);
      valueId = unit.id;
      quantity = sent.quantity;
      if (option.type === 'yes_no' && quantity > 1) throw bad(`${option.name} is yes or no.`, field);
      if (option.type === 'quantity') {
        const { minQuantity: min, maxQuantity: max, stepQuantity: step } = option;
        if (quantity < min || quantity > max || (quantity - min) % Math.max(step, 1) !== 0) {
          throw bad(`${option.name} must be between ${min} and ${max}${step > 1 ? ` in steps of ${step}` : ''}.`, field);
        }
      }
      if (quantity === 0) continue;
    }
    const p = optionPrice(option, valueId, currency, item.cycle);
    if (!p) throw bad(`${option.name} has no such choice.`, field);
    const description = optionLineDescription(option, p.value.label, quantity);
    priced.push({ optionId: option.id, valueId, description, quantity, amountMinor: p.amountMinor, setupFeeMinor: p.setupFeeMinor });
    chosen.push({ optionId: option.id, optionCode: option.code, optionName: option.name, valueId, valueCode: p.value.code, valueLabel: p.value.label, quantity, description, amountMinor: p.amountMinor });
  }
  const missing = allOptions.find((o) => o.required && !seen.has(o.id));
  if (missing) throw bad(`Choose ${missing.name}.`, `option_${missing.id}`);

  const fields = parseOrderFields(plan, item.fields);
  if (!fields.ok) {
    const [first] = Object.values(fields.errors);
    throw new AppError('bad_request', first ?? 'Check the order fields.', Object.fromEntries(Object.entries(fields.errors).map(([k, v]) => [`field_${k}`, [v]])));
  }
  const label = Object.values(fields.fields)[0];
  return {
    plan,
    priced: {
      key,
      planId: plan.id,
      groupId: plan.group.id,
      description: label ? `${plan.name} – ${label}` : plan.name,
      cycle: item.cycle,
      amountMinor: price.amountMinor,
      setupFeeMinor: price.setupFeeMinor,
      options: priced,
      trialDays: plan.trialDays,
    },
    selection: { options: chosen, locationId, fields: fields.fields },
  };
}
