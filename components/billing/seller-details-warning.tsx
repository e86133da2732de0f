/**
 * Shown to staff while invoices go out without what the law asks of the seller (missingSellerDetails): legal name,
 * address, country and, for a seller in the EU, the VAT number.
 */
export function SellerDetailsWarning({ missing, editHref }: { missing: string[]; editHref?: string }) {
  if (!missing.length) return null;
  return (
    <div role="alert" data-testid="seller-details-warning" className="space-y-1 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p className="font-medium">Invoices are missing required seller details: {missing.join(', ')}.</p>
      <p>
        Invoices must name the seller by its legal name and full address, and a seller in the EU must print its VAT number (EU VAT Directive, Article 226). Invoices issued
        meanwhile keep the details they were issued with.{' '}
        {editHref ? (
          <a href={editHref} className="font-medium underline">
            Fill in the seller details
          </a>
        ) : null}
      </p>
    </div>
  );
}
