// Prints report HTML to PDF with headless Chromium (the system's, through playwright-core). Without
// Chromium the HTML still works; the PDF request fails with a message that says what to install.
import fs from 'node:fs';
import { HeadwayError } from '../errors.ts';

/** Headless, and quiet on a machine with no internet (no background requests to refuse). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Each page's PDF, printed by the Chromium at `executablePath` (the CHROMIUM_PATH setting). */
export async function htmlToPdf(htmlPages: string[], executablePath: string): Promise<Buffer[]> {
  if (!fs.existsSync(executablePath)) {
    throw new HeadwayError(
      'unavailable',
      `PDF needs Chromium, and there is none at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH. The HTML report works without it.`,
    );
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const pdfs: Buffer[] = [];
    const page = await browser.newPage();
    for (const html of htmlPages) {
      await page.setContent(html, { waitUntil: 'load' });
      pdfs.push(
        await page.pdf({
          format: 'A4',
          landscape: true,
          printBackground: true,
          margin: { top: '12mm', bottom: '14mm', left: '10mm', right: '10mm' },
          // Page numbers and the report's title on every page, so a printed pack can be cited and reassembled.
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: `<div style="font: 8px system-ui, sans-serif; color: #4a4a4a; width: 100%; margin: 0 10mm; display: flex; justify-content: space-between"><span class="title"></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
        }),
      );
    }
    return pdfs;
  } finally {
    await browser.close();
  }
}
