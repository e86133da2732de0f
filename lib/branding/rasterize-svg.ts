// react-pdf and most mail clients cannot draw SVG, so an SVG logo gets a PNG copy for invoices and emails. It is
// drawn by sharp (libvips with librsvg), which Next already installs for image optimisation; where it is missing the
// copy is skipped and those places show the name instead. Only sanitised SVG reaches here: no external references.

import type SharpFactory from 'sharp';

const TARGET_HEIGHT = 192;
const MAX_WIDTH = 768;

async function loadSharp(): Promise<typeof SharpFactory | null> {
  try {
    return (await import('sharp')).default;
  } catch {
    return null;
  }
}

/** A PNG of the SVG about TARGET_HEIGHT pixels tall (at most MAX_WIDTH wide), or null when it cannot be drawn here. */
export async function rasterizeSvg(svg: Buffer): Promise<Buffer | null> {
  const sharp = await loadSharp();
  if (!sharp) return null;
  try {
    // librsvg draws at 72 dpi by default: a density scaled to the target keeps a small viewBox sharp.
    const meta = await sharp(svg).metadata();
    const scale = meta.width && meta.height ? Math.min(TARGET_HEIGHT / meta.height, MAX_WIDTH / meta.width) : 1;
    const density = Math.min(Math.max(72 * scale, 1), 4800);
    return await sharp(svg, { density }).resize({ width: MAX_WIDTH, height: TARGET_HEIGHT, fit: 'inside' }).png().toBuffer();
  } catch {
    return null;
  }
}
