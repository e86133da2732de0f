import { z } from 'zod';

// Fields the billing emails share. Amounts and dates arrive already formatted: an email never does money
// arithmetic. An invoicePublicId lets the sender attach the invoice PDF (see attachInvoicePdf).
export const invoiceFields = {
  name: z.string().trim().min(1).max(120),
  invoiceNumber: z.string().trim().min(1).max(40),
  invoicePublicId: z
    .string()
    .trim()
    .regex(/^inv_[a-z0-9]{1,40}$/),
  invoiceUrl: z.url({ protocol: /^https?$/ }),
};

export const formattedAmount = z.string().trim().min(1).max(40);
export const isoDate = z.iso.date();
