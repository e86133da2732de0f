/** A line as the storefront quotes prices: with its tax when prices include tax, before tax otherwise. */
export function shownLineAmount(line: { amountMinor: number; taxMinor: number }, taxInclusive: boolean): number {
  return taxInclusive ? line.amountMinor + line.taxMinor : line.amountMinor;
}
