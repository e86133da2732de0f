import { cache } from 'react';
import { getRequestContext } from '@/lib/tenancy/request-context';
import type { CurrencyBook } from './currency-book';
import { loadCurrencyBook } from './load-currency-book';

/** The request's storefront's currencies, read once per request however many amounts a page formats. */
export const requestCurrencyBook = cache(async (): Promise<CurrencyBook> => loadCurrencyBook((await getRequestContext()).db));
