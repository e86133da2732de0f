import { z } from 'zod';

export const MANUAL_LINES_MAX = 50;
export const MANUAL_DUE_DAYS_MAX = 90;

/** One line of a manual invoice as staff type it; the amount stays text until parsed with the currency's digits. */
export const manualLineSchema = z.object({
  description: z.string().trim().min(1, 'is required').max(255, 'must be at most 255 characters'),
  quantity: z.coerce
    .number<string | number>({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000, 'must be at most 10000'),
  unitAmount: z.string().trim().min(1, 'is required').max(30, 'is too long'),
  taxable: z.boolean(),
});

export const manualLinesSchema = z
  .array(manualLineSchema)
  .min(1, 'add at least one line')
  .max(MANUAL_LINES_MAX, `at most ${MANUAL_LINES_MAX} lines`);

export type ManualLineInput = z.input<typeof manualLineSchema>;

export const dueInDaysSchema = z.coerce
  .number<string | number>({ error: 'must be a whole number of days' })
  .int('must be a whole number of days')
  .min(0, 'cannot be negative')
  .max(MANUAL_DUE_DAYS_MAX, `must be at most ${MANUAL_DUE_DAYS_MAX}`);

/** The form field a line's error belongs to: rows count from 1 ("line_2_unitAmount"). */
export function lineFieldName(index: number, field: keyof ManualLineInput): string {
  return `line_${index + 1}_${field}`;
}

/** zod issues of manualLinesSchema → form field errors keyed by lineFieldName (list-level issues under "lines"). */
export function lineFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const [index, field] = issue.path;
    const key = typeof index === 'number' && typeof field === 'string' ? lineFieldName(index, field as keyof ManualLineInput) : 'lines';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Rows the admin draft editor shows; a draft may hold more lines (MANUAL_LINES_MAX) through the domain call. */
export const MANUAL_EDITOR_ROWS = 10;
