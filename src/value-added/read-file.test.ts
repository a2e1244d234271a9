// The CSV reader behind `headway va --input`: the plain byte-level path and csv-parse must give the same
// statistics to the last bit, the same row and column in an error, and the same complete cases.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type FileModel, statisticsOfCsv } from './read-file.ts';

const covariates = ['prior_attainment', 'disadvantaged', 'sen', 'eal'];
const model: FileModel = { group: 'school_code', outcome: 'outcome', covariates };
const reference = (name: string) => fileURLToPath(new URL(`reference/${name}.csv`, import.meta.url));
const folder = mkdtempSync(path.join(tmpdir(), 'headway-read-file-'));

function file(name: string, text: string): string {
  const at = path.join(folder, name);
  writeFileSync(at, text);
  return at;
}

async function both(at: string, spec: FileModel = model) {
  const fast = await statisticsOfCsv(at, spec);
  const parsed = await statisticsOfCsv(at, spec, { parser: 'csv-parse' });
  return { fast, parsed };
}

describe('the plain reader and csv-parse agree', () => {
  it('on a reference file, to the last bit', async () => {
    const { fast, parsed } = await both(reference('intercept'));
    expect(fast.stats.groups).toHaveLength(81);
    expect(fast).toEqual(parsed);
    expect(fast.rows).toBe(1985);
  });

  it('a quoted field sends the whole file to csv-parse, with the same figures', async () => {
    const text = readFileSync(reference('intercept'), 'utf8');
    // A quoted school code on the last line: the plain reader has by then read every other row.
    const lines = text.trim().split('\n');
    const last = (lines.at(-1) as string).split(',');
    last[1] = `"${last[1]}"`;
    const quoted = file('quoted.csv', `${[...lines.slice(0, -1), last.join(',')].join('\n')}\n`);
    expect(await statisticsOfCsv(quoted, model)).toEqual(
      await statisticsOfCsv(reference('intercept'), model),
    );
  });

  it('a byte-order mark, Windows line ends, spaces around cells and blank lines change nothing', async () => {
    const text = readFileSync(reference('intercept'), 'utf8').trim().split('\n');
    const messy = file(
      'messy.csv',
      `\ufeff${text.map((line, i) => `${line.split(',').join(' , ')}\r\n${i % 100 === 0 ? '\r\n' : ''}`).join('')}`,
    );
    const { fast, parsed } = await both(messy);
    expect(fast).toEqual(parsed);
    expect(fast).toEqual(await statisticsOfCsv(reference('intercept'), model));
  });

  it('numbers with exponents, signs and many digits are read as Number() reads them', async () => {
    const at = file(
      'numbers.csv',
      [
        'school_code,outcome,prior_attainment,disadvantaged,sen,eal',
        'A,1e2,-0.1,0,0,1',
        'A,+3.25,0.30000000000000004,1,0,0',
        'A,1234567890.12345678,.5,0,1,0',
        'B,-0,5.,1,1,0',
        'B,0x10,7,0,0,0',
        'B,12.5,-3.000,0,1,1',
      ].join('\n'),
    );
    const { fast, parsed } = await both(at);
    expect(fast).toEqual(parsed);
    const b = fast.stats.groups.find((g) => g.group === 'B');
    // y'y of B: 0 + 16^2 + 12.5^2
    expect(b?.yty).toBe(256 + 156.25);
  });
});

describe('what is left out and what is refused', () => {
  const header = 'school_code,outcome,prior_attainment,disadvantaged,sen,eal';

  it('a blank cell the model needs leaves the pupil out; one it does not need does not', async () => {
    const at = file(
      'blank.csv',
      [
        `${header},note`,
        'A,50,1,0,0,0,',
        'A,,1,0,0,0,x',
        'B,52,,0,0,0,',
        ',49,1,0,0,0,',
        'B,51,2,1,0,1,',
      ].join('\n'),
    );
    const { fast, parsed } = await both(at);
    expect(fast).toEqual(parsed);
    expect(fast.incomplete).toBe(3);
    expect(fast.stats.groups.map((g) => [g.group, g.n])).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
  });

  it('text where a number belongs names the row and column, and nothing is fitted', async () => {
    const at = file('bad.csv', [header, 'A,50,1,0,0,0', 'A,51,1,0,0,0', 'B,52,1,yes,0,0'].join('\n'));
    for (const parser of ['fast', 'csv-parse'] as const)
      await expect(statisticsOfCsv(at, model, { parser })).rejects.toThrow(
        /bad\.csv row 4, column disadvantaged: "yes" is not a number/,
      );
  });

  it('a row with too few cells is refused, naming the row', async () => {
    const at = file('short.csv', [header, 'A,50,1,0,0,0', 'A,51,1,0'].join('\n'));
    await expect(statisticsOfCsv(at, model)).rejects.toThrow(
      /short\.csv row 3 has 4 cells where the header has 6/,
    );
    await expect(statisticsOfCsv(at, model, { parser: 'csv-parse' })).rejects.toThrow(/short\.csv/);
  });

  it('a missing column is named with the columns there are', async () => {
    const at = file('columns.csv', [header, 'A,50,1,0,0,0'].join('\n'));
    await expect(statisticsOfCsv(at, { ...model, covariates: ['fsm'] })).rejects.toThrow(
      /has no column fsm \(it has: school_code, outcome/,
    );
  });
});

describe('a file with two stages', () => {
  const stages = reference('stages');

  it('is fitted one stage at a time: without --stage it is refused, naming the stages', async () => {
    for (const parser of ['fast', 'csv-parse'] as const)
      await expect(statisticsOfCsv(stages, model, { parser })).rejects.toThrow(
        /holds pupils of 2 stages \(KS2, KS4\): fit one at a time with --stage/,
      );
    await expect(statisticsOfCsv(stages, { ...model, stage: 'KS5' })).rejects.toThrow(
      /no pupils in stage KS5 \(it has: KS2, KS4\)/,
    );
  });

  it('each stage has only its own pupils; an all-through school has one set of sums per stage', async () => {
    const ks2 = await both(stages, { ...model, stage: 'KS2' });
    const ks4 = await both(stages, { ...model, stage: 'KS4' });
    expect(ks2.fast).toEqual(ks2.parsed);
    expect(ks4.fast).toEqual(ks4.parsed);
    const lines = readFileSync(stages, 'utf8').trim().split('\n').slice(1);
    const count = (stage: string, school?: string) =>
      lines.filter((l) => l.split(',')[2] === stage && (!school || l.split(',')[1] === school)).length;
    expect(ks2.fast.stats.groups.reduce((t, g) => t + g.n, 0)).toBe(count('KS2'));
    expect(ks4.fast.stats.groups.reduce((t, g) => t + g.n, 0)).toBe(count('KS4'));
    expect(ks2.fast.stats.groups.find((g) => g.group === 'S001')?.n).toBe(count('KS2', 'S001'));
    expect(ks4.fast.stats.groups.find((g) => g.group === 'S001')?.n).toBe(count('KS4', 'S001'));
  });
});
