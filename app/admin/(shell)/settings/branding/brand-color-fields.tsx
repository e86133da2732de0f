'use client';

import { useLayoutEffect, useRef, useState } from 'react';
import { useActionFormState } from '@/components/ui/action-form';
import { brandContrastWarnings, contrastRatio, formatRatio, normalizeHexColor, WCAG_AA_TEXT } from '@/lib/branding/contrast';
import { DEFAULT_BRAND_COLOR } from '@/lib/branding/default-brand-color';

/** A colour as picker and text; `inherited` is what a blank field means (the accent falls back to the primary). */
function ColorInput(props: { name: string; label: string; value: string; inherited?: string; onChange: (v: string) => void; hint: string }) {
  const state = useActionFormState();
  const error = state?.fieldErrors?.[props.name]?.[0];
  const hex = normalizeHexColor(props.value);
  return (
    <div className="text-sm">
      <label htmlFor={`${props.name}-text`} className="block font-medium">
        {props.label}
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input
          type="color"
          aria-label={`${props.label} picker`}
          value={hex ?? normalizeHexColor(props.inherited ?? '') ?? DEFAULT_BRAND_COLOR}
          onChange={(e) => props.onChange(e.target.value)}
          className="h-10 w-12 cursor-pointer rounded border border-slate-300"
        />
        <input
          id={`${props.name}-text`}
          name={props.name}
          value={props.value}
          placeholder={props.inherited}
          onChange={(e) => props.onChange(e.target.value)}
          maxLength={7}
          aria-invalid={error ? true : undefined}
          className="w-32 rounded border border-slate-300 px-3 py-2 font-mono"
        />
      </div>
      <span className="block text-xs text-slate-500">{props.hint}</span>
      {error ? <span className="block text-red-700">{`${props.label} ${error}`}</span> : null}
    </div>
  );
}

/**
 * The primary and accent colour inputs with a live preview: a button, a link and an accent sample in the colours
 * being typed, each colour's contrast with white, and the WCAG AA warning (saved anyway, like the server does).
 */
export function BrandColorFields({ primary: initialPrimary, accent: initialAccent }: { primary: string; accent: string }) {
  const state = useActionFormState();
  const submitted = !!state?.values && !state.ok;
  const [primary, setPrimary] = useState(submitted ? (state.values?.primaryColor ?? initialPrimary) : initialPrimary);
  const [accent, setAccent] = useState(submitted ? (state.values?.accentColor ?? initialAccent) : initialAccent);
  const preview = useRef<HTMLDivElement>(null);
  const p = normalizeHexColor(primary);
  const a = accent.trim() ? normalizeHexColor(accent) : p;
  // Set through the CSSOM: the page's CSP allows no inline style attributes.
  useLayoutEffect(() => {
    if (p) preview.current?.style.setProperty('--preview-brand', p);
    if (a) preview.current?.style.setProperty('--preview-accent', a);
  }, [p, a]);
  const warnings = p && a ? brandContrastWarnings({ primaryColor: p, accentColor: a }).filter((w) => w.field === 'primaryColor' || accent.trim()) : [];
  const ratio = (c: string | null) => (c ? `${formatRatio(contrastRatio(c, '#ffffff'))} with white` : 'not a colour yet');
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-6">
        <ColorInput name="primaryColor" label="Primary colour" value={primary} onChange={setPrimary} hint="Buttons, links and headings." />
        <ColorInput name="accentColor" label="Accent colour" value={accent} inherited={p ?? undefined} onChange={setAccent} hint="Highlights and calls to action. Blank: the primary colour." />
      </div>
      <div ref={preview} data-testid="brand-preview" className="rounded border border-slate-200 bg-white p-4">
        <p className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Preview</p>
        <div className="flex flex-wrap items-center gap-4">
          <span className="rounded bg-[var(--preview-brand,var(--brand))] px-3 py-2 text-sm font-medium text-white">Primary button</span>
          <span className="text-sm text-[var(--preview-brand,var(--brand))] underline">A link in the primary colour</span>
          <span className="rounded bg-[var(--preview-accent,var(--accent))] px-3 py-2 text-sm font-medium text-white">Accent button</span>
        </div>
        <p className="mt-3 text-xs text-slate-600">
          Primary: {ratio(p)} · Accent: {ratio(a)} · WCAG AA asks for at least {WCAG_AA_TEXT}:1 for text.
        </p>
      </div>
      {warnings.length ? (
        <div role="alert" className="space-y-1 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {warnings.map((w) => (
            <p key={w.field}>{w.message}</p>
          ))}
          <p className="text-xs">You can save it anyway.</p>
        </div>
      ) : null}
    </div>
  );
}
