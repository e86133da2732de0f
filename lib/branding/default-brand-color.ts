/** The colour a storefront has until its owner picks one: the one fallback for pages, PDFs and the branding form. */
export const DEFAULT_BRAND_COLOR = '#2563eb';
