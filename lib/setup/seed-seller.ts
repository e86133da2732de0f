import { recordAudit } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { setSellerDetails, type SellerDetailsInput } from '@/lib/settings/admin/set-seller-details';
import { storedCommerceKeys, type CommerceSettings } from '@/lib/settings/commerce-settings';
import { savePaymentSettings, storedPaymentKeys, type PaymentSettings } from '@/lib/settings/payment-settings';

// The demo storefront's seller, as a German GmbH would print it, so `npm run dev` shows a complete invoice. The VAT
// number and IBAN are the published example ones, not anybody's account.
const DEMO_SELLER: Record<keyof SellerDetailsInput, string> = {
  sellerName: 'EZSCALE Hosting GmbH',
  sellerCountry: 'DE',
  sellerRegion: '',
  sellerAddressLines: 'Friedrichstraße 123\n10117 Berlin',
  sellerTaxId: 'DE123456789',
  sellerRegistrationNumber: 'HRB 234567 B',
  sellerRegistrationPlace: 'Amtsgericht Berlin-Charlottenburg',
  invoiceFooter: 'EZSCALE Hosting GmbH · Managing director: Erika Mustermann · billing@ezscale.example · +49 30 1234567\nQuestions about an invoice? Reply to its email or open a ticket in your account.',
};

const DEMO_BANK_TRANSFER: PaymentSettings['bankTransfer'] = {
  enabled: true,
  instructions: 'Account holder: EZSCALE Hosting GmbH\nIBAN: DE89 3704 0044 0532 0130 00\nBIC: COBADEFFXXX (Commerzbank Berlin)',
};

/** Seller details and bank transfer for the demo storefront, each only where the operator has stored nothing yet. */
export async function seedSellerDetails(db: StorefrontDb): Promise<void> {
  const actor = { type: 'system' as const, label: 'seed:demo' };
  const stored = await storedCommerceKeys(db);
  const missing = Object.fromEntries(Object.entries(DEMO_SELLER).filter(([k]) => !stored.has(k as keyof CommerceSettings)));
  if (Object.keys(missing).length) await setSellerDetails(db, { input: missing, actor });
  if ((await storedPaymentKeys(db)).has('bankTransfer')) return;
  await db.transaction(async (tx) => {
    await savePaymentSettings(tx, { bankTransfer: DEMO_BANK_TRANSFER });
    await recordAudit(tx, { actor, action: 'settings.payments.updated', target: { type: 'settings', id: 'payments' }, after: { bankTransfer: DEMO_BANK_TRANSFER } });
  });
}
