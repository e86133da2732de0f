import type { OptionType } from '@/db/schema/storefront';

/** How an invoice line names a chosen option: "Operating system: Debian 12", "Extra IPv4 addresses × 2", "Automated backups". */
export function optionLineDescription(option: { name: string; type: OptionType }, valueLabel: string, quantity: number): string {
  if (option.type === 'quantity') return `${option.name} × ${quantity}`;
  if (option.type === 'yes_no') return option.name;
  return `${option.name}: ${valueLabel}`;
}
