import { PDFParse } from 'pdf-parse';

/** The text of a PDF as pdf-parse extracts it (pages joined), for asserting what a rendered document says. */
export async function pdfText(data: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    const { text } = await parser.getText();
    return text;
  } finally {
    await parser.destroy();
  }
}
