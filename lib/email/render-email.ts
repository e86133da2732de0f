import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { convert } from 'html-to-text';
import type { EmailBrand } from '@/emails';
import { getEmailTemplateOrThrow, parseEmailProps } from './template-props';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

// Layout tables become plain blocks so the text part reads as paragraphs, not as an ASCII grid.
const TEXT_OPTIONS = {
  wordwrap: 78,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'title', format: 'skip' },
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'block' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  ],
};

export function htmlToPlainText(html: string): string {
  return convert(html, TEXT_OPTIONS).replace(/\n{3,}/g, '\n\n').trim();
}

/** Renders a template for a storefront. Unknown templates and invalid props throw an AppError saying which. */
export function renderEmail(input: { template: string; props: unknown; brand: EmailBrand }): RenderedEmail {
  const template = getEmailTemplateOrThrow(input.template);
  const props = parseEmailProps(template, input.props);
  // Header injection is nodemailer's job, but a subject is one line by definition and the column holds 255.
  const subject = template.subject(props, input.brand).replace(/[\r\n]+/g, ' ').trim().slice(0, 255);
  const html = `<!DOCTYPE html>${renderToStaticMarkup(createElement(template.component, { props, brand: input.brand }))}`;
  return { subject, html, text: htmlToPlainText(html) };
}
