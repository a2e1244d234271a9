import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { readConfig } from '../config.ts';
import { contextFor, defaultSettings } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { areaReport, authorityReport } from './reports.ts';

const actor = operator('test');
const settings = defaultSettings;
const context = () => contextFor(database.db, actor, { settings, today: '2026-11-23' });
let database: Database;
beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  // S2 was red in September too, so it is a cause for concern in October.
  await importFile(
    contextFor(database.db, actor),
    'data-values',
    csv('sep.csv', [
      'school_code,period,element,value',
      'S2,2026-09,sessions_possible,100',
      'S2,2026-09,sessions_attended,70',
    ]),
  );
  await importFile(
    contextFor(database.db, actor),
    'targets',
    csv('t.csv', ['indicator,org_unit_code,academic_year,value', 'attendance_rate,T,2026-27,95']),
  );
});
afterEach(() => database.close());

const textOf = (html: string) => parseHTML(html).document.body.textContent.replace(/\s+/g, ' ');

/** The cells of the table row whose heading cell starts with `heading`, as text. */
function rowCells(html: string, heading: string): string[] {
  const rows = [...parseHTML(html).document.querySelectorAll('tr')];
  const row = rows.find((r) => r.querySelector('th')?.textContent.trim().startsWith(heading));
  return row ? [...row.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim()) : [];
}

describe("an area's performance pack", () => {
  test('shows the area against the authority and target, its schools, concerns and completeness', async () => {
    const file = await areaReport(context(), 'A', '2026-10', 'html');
    expect(file.name).toBe('A-2026-10.html');
    const html = file.bytes.toString('utf8');
    const text = textOf(html);
    // Area A: 1000/1100 = 90.9%; the authority: 1570/1700 = 92.4%; target 95%.
    expect(rowCells(html, 'Pupil attendance rate')).toEqual([
      '90.9%',
      '92.4%',
      '95.0%',
      'too few months',
      '100%',
    ]);
    expect(text).toContain('Area A: performance pack for 2026-10');
    expect(text).toContain('2 schools');
    expect(text).toContain('Big School S1');
    expect(text).toContain('Pupil attendance rate red: 50.0% (red in 2026-09 too: 70.0%)');
    // One chart per indicator in the catalogue, the six challenge measures (all zero here), the six
    // good-or-better shares (no inspections here), the eight visit score means (no visits here) and the
    // leaders grown from own staff (no teachers here), the six recruitment indicators (no vacancies
    // here), the nine teachers-against-the-norm indicators and the three governing-board indicators among
    // them, the six girls-and-boys indicators (no values by sex here) and the five give-and-receive
    // indicators; no pupils, so no stage's value added.
    expect(html.match(/<svg/g)?.length).toBe(34 + 9 + 3 + 6 + 5);
    expect(html).not.toMatch(/<script/);
  });

  test('an unknown area is not found; names are escaped', async () => {
    await expect(areaReport(context(), 'S1', '2026-10', 'html')).rejects.toMatchObject({ code: 'not_found' });
    await importFile(
      contextFor(database.db, actor),
      'org-units',
      csv('o.csv', ['code,name,level,parent_code', 'A,<b>Area & A</b>,area,T']),
    );
    const html = (await areaReport(context(), 'A', '2026-10', 'html')).bytes.toString('utf8');
    expect(html).toContain('<h1>&lt;b&gt;Area &amp; A&lt;/b&gt;: performance pack');
    expect(parseHTML(html).document.querySelectorAll('b').length).toBe(0);
  });

  test('the authority run writes the overview and every area', async () => {
    const files = await authorityReport(context(), '2026-10', 'html');
    expect(files.map((f) => f.name)).toEqual(['index.html', 'A.html', 'B.html']);
    const overview = files[0]?.bytes.toString('utf8') ?? '';
    // Schools needing attention first: no school of the fixtures has a head, so all of them (2 in A, 3 in B).
    expect(rowCells(overview, 'Area A')).toEqual(['2']);
    expect(rowCells(overview, 'Area B')).toEqual(['3']);
    expect(rowCells(overview, 'Tiny')).toEqual(['5']);
    // Then the indicators, split by group so every column prints, each table repeating the areas.
    const tables = [...parseHTML(overview).document.querySelectorAll('table')]
      .slice(1)
      .filter((t) => !t.closest('#leadership-supply') && !t.closest('#stages'));
    expect(tables.map((t) => t.previousElementSibling?.textContent)).toEqual([
      'Attendance, staffing and teaching (1 of 2)',
      'Attendance, staffing and teaching (2 of 2)',
      'Challenges',
      'Inspections',
      'Supervision visits (1 of 2)',
      'Supervision visits (2 of 2)',
      'Governing boards',
      'Recruitment',
      'Teachers against the norm (1 of 2)',
      'Teachers against the norm (2 of 2)',
      'Give and receive',
      'Girls and boys',
    ]);
    const attendance = tables[0]?.outerHTML ?? '';
    expect(rowCells(attendance, 'Tiny')[0]).toMatch(/^92\.4%/);
    expect(rowCells(attendance, 'Area A')[0]).toMatch(/^90\.9%/);
    for (const table of tables) expect(table.querySelectorAll('tbody tr')).toHaveLength(3);
    // The stages' movement: no term has ended with any data of the fixtures (October 2026 is their
    // only month), so the section says so rather than drawing empty tables.
    expect(parseHTML(overview).document.querySelector('#stages')?.textContent).toContain(
      'No term’s stages are recorded yet',
    );
    // Each area's pack lists its schools' stages today, in journey order, with the reasons: S2 (never
    // inspected, attendance and absence red at 50%) is improving; S1 falls to the last rule, secure.
    const pack = parseHTML(files[1]?.bytes.toString('utf8') ?? '').document;
    expect([...pack.querySelectorAll('.contents li')].map((li) => li.textContent)).toContain(
      'Stages of the improvement journey',
    );
    const stages = [...pack.querySelectorAll('[data-testid="stage-schools"] tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent),
    );
    expect(stages.map((r) => [r[0], r[1]])).toEqual([
      ['Small School S2', 'Improving'],
      ['Big School S1', 'Secure'],
    ]);
  });
});

describe('PDF', () => {
  test.skipIf(!fs.existsSync(readConfig().chromiumPath) && !process.env.HEADWAY_REQUIRE_BROWSER)(
    'the pack prints to PDF through Chromium',
    async () => {
      const file = await areaReport(context(), 'A', '2026-10', 'pdf');
      expect(file.name).toBe('A-2026-10.pdf');
      expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(file.bytes.length).toBeGreaterThan(20_000);
    },
  );

  test('without Chromium a PDF request says so, and the HTML still works', async () => {
    {
      const { request } = await apiAs(database, 'area_lead', 'A', undefined, {
        ...defaultSettings,
        chromiumPath: '/nowhere/chromium',
      });
      const pdf = await request('/api/v1/reports/area/A?period=2026-10&format=pdf');
      expect(pdf.status).toBe(503);
      expect((await pdf.json()).error.message).toContain(
        'PDF needs Chromium, and there is none at /nowhere/chromium',
      );
      const html = await request('/api/v1/reports/area/A?period=2026-10');
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toContain('text/html');
    }
  });

  // poppler-utils (pdftoppm, pdftotext) reads the printed pack back: CI installs it (.ci/run).
  const canPrint = fs.existsSync(readConfig().chromiumPath) && !spawnSync('pdftoppm', ['-v']).error;
  test.skipIf(!canPrint && !process.env.HEADWAY_REQUIRE_BROWSER)(
    'on paper every column prints: nothing runs past the right margin, every indicator, headteachers, concerns, page numbers',
    async () => {
      const file = await areaReport(context(), 'A', '2026-10', 'pdf');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-pack-'));
      try {
        const pdf = path.join(dir, 'pack.pdf');
        fs.writeFileSync(pdf, file.bytes);

        // Where every word ends: none past the right margin (10 mm, 28.35 pt) on any page. A table
        // wider than the page was clipped there, its last columns' words still in the file beyond it.
        const boxes = execFileSync('pdftotext', ['-bbox', pdf, '-']).toString();
        const pages = [...boxes.matchAll(/<page width="([\d.]+)"[^>]*>([\s\S]*?)<\/page>/g)];
        expect(pages.length).toBeGreaterThan(1);
        const beyond = pages.flatMap(([, width, body], page) =>
          [
            ...(body as string).matchAll(
              /<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g,
            ),
          ]
            .filter(([, xMax]) => Number(xMax) > Number(width) - 28.35 + 1)
            .map(([, xMax, word]) => `page ${page + 1}: "${word}" ends at ${xMax} of ${width}`),
        );
        expect(beyond).toEqual([]);

        // Every column a reader needs is printed: each indicator, headteachers and concerns, with page
        // numbers and a contents list.
        const text = execFileSync('pdftotext', ['-raw', pdf, '-']).toString().replace(/\s+/g, ' ');
        const { rows } = await database.db
          .selectFrom('indicator')
          .select('name')
          .execute()
          .then((r) => ({ rows: r }));
        for (const { name } of rows) expect(text).toContain(name);
        for (const words of [
          'Contents',
          'Headteacher',
          'Causes for concern in 2026-10',
          `Page 1 of ${pages.length}`,
        ])
          expect(text).toContain(words);

        // The same pages as images: the strip along the right edge is blank paper on every page.
        execFileSync('pdftoppm', ['-r', '30', '-gray', pdf, path.join(dir, 'page')]);
        const images = fs.readdirSync(dir).filter((f) => f.endsWith('.pgm'));
        expect(images).toHaveLength(pages.length);
        for (const image of images) {
          const bytes = fs.readFileSync(path.join(dir, image));
          const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
          if (!header) throw new Error(`${image} is not a greyscale image`);
          const [width, height] = [Number(header[1]), Number(header[2])];
          const pixels = bytes.subarray(header[0].length);
          // The outer 8 mm of the 10 mm margin: about 9 pixels at 30 dots per inch.
          const edge = Math.round((8 / 25.4) * 30);
          let inked = 0;
          for (let y = 0; y < height; y++)
            for (let x = width - edge; x < width; x++) if ((pixels[y * width + x] as number) < 250) inked++;
          expect({ image, inked }).toEqual({ image, inked: 0 });
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
