// The headway command as an operator runs it: a real process, a real database, real files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './auth/sessions.ts';
import { type CommandRun, freshCliEnvironment } from './db/testing.ts';

let env: Record<string, string>;
let cleanup: () => Promise<void>;
let headway: (...args: string[]) => Promise<CommandRun>;
let withDb: Awaited<ReturnType<typeof freshCliEnvironment>>['withDb'];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-files-'));

beforeAll(async () => {
  ({ env, cleanup, headway, withDb } = await freshCliEnvironment());
  delete process.env.PORT;
});
afterAll(async () => {
  await cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('headway', () => {
  test('migrate, then import the examples in order; a second import changes nothing', async () => {
    expect((await headway('migrate')).code).toBe(0);
    for (const kind of ['org-units', 'schools', 'people', 'posts', 'designations']) {
      const first = await headway('import', kind, `examples/${kind}.csv`);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/rows checked: \d+ were added, 0 were changed, 0 unchanged/);
    }
    const again = await headway('import', 'schools', 'examples/schools.csv');
    expect(again.stdout.trim()).toBe('4 schools rows checked: 0 were added, 0 were changed, 4 unchanged');
  });

  test('a bad file exits 1 and lists every problem; nothing is written', async () => {
    const bad = path.join(work, 'people.csv');
    fs.writeFileSync(bad, 'code,given_name,family_name,email\nP100,Ada,Lovelace,\nP101,,Cole,x@\n');
    const result = await headway('import', 'people', bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'The people file was not imported: 2 problems found, nothing was written',
    );
    expect(result.stderr).toContain('row 3, column given_name: is required');
    expect(result.stderr).toContain('row 3, column email: "x@" is not an email address');
    const people = await headway('export', 'people');
    expect(people.stdout).not.toContain('P100');
  });

  test('a file with 1,500 bad rows prints the first 1,000 problems and counts the rest by column and reason', async () => {
    const bad = path.join(work, 'many-people.csv');
    // Even rows of the file lack a given name, odd ones have an email that is not one.
    const rows = Array.from({ length: 1500 }, (_, i) =>
      i % 2 === 0 ? `Q${i},,Cole,` : `Q${i},Ada,Cole,q${i}@`,
    );
    fs.writeFileSync(bad, ['code,given_name,family_name,email', ...rows].join('\n'));
    const result = await headway('import', 'people', bad);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(
      'The people file was not imported: 1,500 problems found, nothing was written. ' +
        'The first 1,000 are listed; the other 500 are counted by column and reason',
    );
    expect(lines.slice(1, 1001)).toEqual(
      rows
        .slice(0, 1000)
        .map((_, i) =>
          i % 2 === 0
            ? `  row ${i + 2}, column given_name: is required`
            : `  row ${i + 2}, column email: "q${i}@" is not an email address`,
        ),
    );
    // Rows 1,000 to 1,499 (0-based): 250 of each.
    expect(lines.slice(1001)).toEqual([
      '  and 500 more:',
      '    column email — is not an email address (250)',
      '    column given_name — is required (250)',
    ]);
    expect((await headway('export', 'people')).stdout).not.toContain('Q0');
  });

  test('--dry-run counts without writing', async () => {
    const file = path.join(work, 'new-people.csv');
    fs.writeFileSync(file, 'code,given_name,family_name\nP200,Kemi,Adeyemi\n');
    const dry = await headway('import', 'people', file, '--dry-run');
    expect(dry.stdout.trim()).toBe(
      '1 people rows checked: 1 would be added, 0 would be changed, 0 unchanged (dry run: nothing was written)',
    );
    expect((await headway('export', 'people')).stdout).not.toContain('P200');
  });

  test('export writes CSV to standard output and XLSX to a file, in the import format', async () => {
    const csv = await headway('export', 'org-units');
    expect(csv.stdout).toBe(fs.readFileSync('examples/org-units.csv', 'utf8').replace(/\n/g, '\n'));
    const out = path.join(work, 'schools.xlsx');
    expect((await headway('export', 'schools', '--format', 'xlsx', '--out', out)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      'code',
      'name',
      'phase',
      'type',
      'area_code',
      'cluster_code',
      'trust_code',
      'trust_name',
      'federation_code',
      'federation_name',
      'urn',
      'opened_on',
      'closed_on',
      'capacity',
      'latitude',
      'longitude',
    ]);
    expect(sheet?.rowCount).toBe(5);
    expect((await headway('import', 'schools', out)).stdout).toContain(
      '0 were added, 0 were changed, 4 unchanged',
    );
  });

  test('mistakes in the command are explained', async () => {
    const kind = await headway('import', 'pupils', 'examples/people.csv');
    expect(kind.code).toBe(1);
    expect(kind.stderr).toContain('There is no import kind "pupils"');
    expect((await headway('import', 'people', 'missing.csv')).stderr).toContain(
      'There is no file missing.csv',
    );
    expect((await headway('export', 'people', '--format', 'pdf')).stderr).toContain(
      '--format must be csv or xlsx',
    );
    expect((await headway('demo', '--seed', 'abc')).stderr).toContain('--seed must be a whole number');
  });

  test('KPI files import; headway kpi gives the ratio of sums with targets; headway report writes the pack', async () => {
    for (const [kind, file] of [
      ['data-values', 'data-values.csv'],
      ['targets', 'targets.csv'],
      ['indicators', 'indicators.yaml'],
    ]) {
      const result = await headway('import', kind as string, `examples/${file}`);
      expect(result.code, result.stderr).toBe(0);
    }
    const kpi = await headway('kpi', 'attendance_rate', '--period', '2026-10', '--json');
    const { results } = JSON.parse(kpi.stdout);
    // NM-A01: (8290 + 3920) / (8820 + 4410); its own target 94. NM-A02: 20460 / 22000; the authority's target 95.
    expect(
      results.map((r: { org_unit: string; value: number; target: number }) => [
        r.org_unit,
        r.value,
        r.target,
      ]),
    ).toEqual([
      ['NM-A01', (100 * 12210) / 13230, 94],
      ['NM-A02', (100 * 20460) / 22000, 95],
    ]);
    const table = await headway('kpi', 'attendance_rate', '--period', '2026-10');
    expect(table.stdout.split('\n')[1]).toMatch(/^NM-A01\s+Ashby Area\s+92\.3\s+amber\s+94\.0/);
    const out = path.join(work, 'pack.html');
    expect((await headway('report', 'area', 'NM-A01', '--period', '2026-10', '--out', out)).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('Ashby Area: performance pack for 2026-10');
    expect(
      (await headway('report', 'area', 'NM-A01', '--period', '2026-10', '--out', 'pack.txt')).stderr,
    ).toContain('--out must end in .html or .pdf');
    expect(
      (await headway('kpi', 'attendance_rate', '--period', '2026-10', '--level', 'galaxy')).stderr,
    ).toContain('--level must be one of');
  });

  test("inspections import; headway needs finds the rules' needs and headway broker matches them within capacity", async () => {
    const imported = await headway('import', 'inspections', 'examples/inspections.csv');
    expect(imported.code, imported.stderr).toBe(0);
    const listed = await headway('needs', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const needs = JSON.parse(listed.stdout).needs as { school: string; kind: string; rule: string }[];
    const s002 = needs.filter((n) => n.school === 'S002').map((n) => `${n.kind} ${n.rule}`);
    // S002: a head since September (first year), requires improvement, leadership weak twice running.
    expect(s002).toEqual(
      expect.arrayContaining([
        'mentor first_year_head',
        'nle inspection_category',
        'lle new_head_challenging',
      ]),
    );
    // S003's head left in July; S004 is covered by an interim head, which is not a need.
    expect(needs.filter((n) => n.kind === 'headship_cover').map((n) => n.school)).toEqual(['S003']);

    const broker = await headway('broker', '--json');
    expect(broker.code, broker.stderr).toBe(0);
    const proposal = JSON.parse(broker.stdout);
    // P001, an NLE at outstanding S001 with 30 days, is the only leader; an NLE does not cover a headship
    // (the role catalogue: headship cover is for advisory, interim and executive heads).
    expect(new Set(proposal.pairs.map((p: { leader: string }) => p.leader))).toEqual(new Set(['P001']));
    expect(proposal.pairs.reduce((sum: number, p: { days: number }) => sum + p.days, 0)).toBeLessThanOrEqual(
      30,
    );
    expect(proposal.gap).toBeLessThanOrEqual(1e-3);
    const why = Object.fromEntries(
      proposal.unmet.map((u: { school: string; kind: string; why: string }) => [
        `${u.school} ${u.kind}`,
        u.why,
      ]),
    );
    expect(why['S003 headship_cover']).toBe('No leader in the pool is designated for this kind of support');
    expect(why['S002 mentor']).toBe('No leader in the pool is designated for this kind of support');
    // The catalogue the match read, as the Roles page words it.
    const roles = await headway('roles');
    expect(roles.code, roles.stderr).toBe(0);
    expect(roles.stdout).toContain(
      'Interim (acting) headteacher (interim_head)\n    meets: headship_cover\n    who may hold it: none\n    190 funded days a year; 1 at once in this role',
    );
    expect(roles.stdout).toContain('only for a school with no head and no deputy or assistant head to act');
    const table = await headway('broker');
    expect(table.stdout).toMatch(/^Proposal \d+ for NM: \d+ of \d+ open needs matched from \d+ leaders/);
    expect(table.stdout).toMatch(/proven bound [\d.]+, gap [\d.]+%/);
    // The latest proposal's shortfall: nobody is designated for headship cover, nor a mentor.
    const shortfall = await headway('shortfall', '--json');
    expect(shortfall.code, shortfall.stderr).toBe(0);
    const short = JSON.parse(shortfall.stdout);
    expect(short.needs).toBe(proposal.unmet.length);
    const reason = Object.fromEntries(
      short.unmet.map((u: { school: string; kind: string; reason: string }) => [
        `${u.school} ${u.kind}`,
        u.reason,
      ]),
    );
    expect([reason['S003 headship_cover'], reason['S002 mentor']]).toEqual([
      'no_eligible_leader',
      'no_eligible_leader',
    ]);
    expect((await headway('shortfall')).stdout).toMatch(
      /^Proposal \d+ for NM \(\d{4}-\d\d-\d\d\): \d+ needs paired/,
    );
    expect((await headway('shortfall', '--proposal', 'x')).stderr).toContain(
      '--proposal: "x" is not a proposal id',
    );
  });

  test('demo loads the same small authority for the same seed', async () => {
    const first = await headway('demo', '--seed', '3', '--schools', '30');
    expect(first.code, first.stderr).toBe(0);
    // 30 primary, round(30 × 100 / 1017) = 3 secondary and round(30 × 25 / 1017) = 1 special school.
    expect(first.stdout).toContain('schools: 34 rows (34 added');
    const second = await headway('demo', '--seed', '3', '--schools', '30');
    expect(second.stdout).toContain('schools: 34 rows (0 added, 0 changed, 34 unchanged)');
  });

  test('headway va fits a cohort from the database, or any CSV, and prints the documented JSON', async () => {
    // The demo above has KS4 results for its 3 secondaries in the last academic year.
    const cohort = await headway('va', '--stage', 'KS4', '--year', '2025-26', '--json');
    expect(cohort.code, cohort.stderr).toBe(0);
    const fitted = JSON.parse(cohort.stdout);
    expect(Object.keys(fitted)).toEqual([
      'fixed',
      'variance',
      'icc',
      'logLik',
      'reml',
      'pupils',
      'schools',
      'covariates',
      'progress',
      'national',
    ]);
    expect(fitted.schools).toHaveLength(3);
    // The demo's national reference covers the cohort: the authority's pupils against it, named.
    expect(fitted.national).toMatchObject({
      reference: 'Demo national KS4 2025-26',
      authority: { n: fitted.pupils },
    });
    expect(Object.keys(fitted.schools[0])).toEqual(['school', 'n', 'effect', 'sd', 'lower', 'upper', 'band']);

    const reference = path.join('src', 'value-added', 'reference');
    const file = await headway(
      'va',
      '--input',
      path.join(reference, 'intercept.csv'),
      '--covariates',
      'prior_attainment,disadvantaged,sen,eal',
      '--json',
    );
    expect(file.code, file.stderr).toBe(0);
    const fit = JSON.parse(file.stdout);
    const lme4 = fs.readFileSync(path.join(reference, 'intercept-reml.lme4.csv'), 'utf8');
    const prior = Number(/"fixed","prior_attainment","([^"]+)"/.exec(lme4)?.[1]);
    expect(fit.reml).toBe(true);
    expect(Math.abs(fit.fixed.prior_attainment.estimate / prior - 1)).toBeLessThan(5e-6);
    expect(fit.variance).toEqual({ school: expect.any(Number), residual: expect.any(Number) });

    // The null model: no --covariates with a file; the intraclass correlation with its interval.
    const empty = await headway('va', '--input', path.join(reference, 'stages.csv'), '--stage', 'KS4');
    expect(empty.code, empty.stderr).toBe(0);
    const ks4Null = fs.readFileSync(path.join(reference, 'KS4-null-reml.lme4.csv'), 'utf8');
    const icc = (name: string) =>
      Number(new RegExp(`"icc","${name}","([^"]+)"`).exec(ks4Null)?.[1]).toFixed(3);
    expect(empty.stdout).toContain('(Intercept)');
    expect(empty.stdout).not.toContain('prior_attainment');
    expect(empty.stdout).toContain(
      `intraclass correlation ${icc('estimate')} (95% CI ${icc('lower')} to ${icc('upper')}; profile likelihood)`,
    );
    const mixed = await headway('va', '--input', path.join(reference, 'stages.csv'));
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('holds pupils of 2 stages (KS2, KS4)');

    const bad = path.join(work, 'bad-pupils.csv');
    fs.writeFileSync(bad, 'school_code,outcome,prior\nS1,10,1\nS1,eleven,2\n');
    const refused = await headway('va', '--input', bad, '--covariates', 'prior');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('row 3, column outcome: "eleven" is not a number');
  });

  test('headway va estimates: schools and areas with actual, estimate and target; --school its pupils, audited', async () => {
    const json = await headway(
      'va',
      'estimates',
      '--stage',
      'KS4',
      '--year',
      '2025-26',
      '--percentile',
      '20',
      '--json',
    );
    expect(json.code, json.stderr).toBe(0);
    const answer = JSON.parse(json.stdout);
    expect(answer).toMatchObject({ stage: 'KS4', academicYear: '2025-26', percentile: 20, schools: 3 });
    const schools = answer.units.filter((u: { level: string }) => u.level === 'school');
    expect(schools).toHaveLength(3);
    expect(answer.units[0]).toMatchObject({ level: 'authority', code: 'NM' });
    for (const u of answer.units) expect(u.target).toBeCloseTo(u.estimate + answer.shift, 9);

    const text = await headway(
      'va',
      'estimates',
      '--stage',
      'KS4',
      '--year',
      '2025-26',
      '--percentile',
      '20',
    );
    expect(text.stdout).toContain('estimates and targets at the 20th percentile of value added');
    const school = schools[0] as { code: string; name: string; actual: number; target: number };
    expect(text.stdout).toMatch(
      new RegExp(`  ${school.code} ${school.name}.*${school.actual.toFixed(2)}.*${school.target.toFixed(2)}`),
    );

    const pupils = await headway(
      'va',
      'estimates',
      '--stage',
      'KS4',
      '--year',
      '2025-26',
      '--school',
      school.code,
    );
    expect(pupils.code, pupils.stderr).toBe(0);
    expect(pupils.stdout).toMatch(
      /^pupil +prior_attainment .* estimate +estimate_p50 +outcome +difference$/m,
    );
    await withDb(async (db) => {
      const views = await db
        .selectFrom('audit_event')
        .select(['actor', 'details'])
        .where('entity', '=', 'pupil-estimates')
        .execute();
      expect(views).toEqual([
        { actor: 'cli', details: expect.objectContaining({ school: school.code, percentile: 50 }) },
      ]);
    });
    const wrong = await headway(
      'va',
      'estimates',
      '--stage',
      'KS4',
      '--year',
      '2025-26',
      '--percentile',
      '0',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--percentile must be a whole number of 1 to 99, not "0"');
    // `va` with its own options is unchanged beside its subcommand.
    expect((await headway('va', '--stage', 'KS4', '--year', '2025-26')).stdout).toContain('REML fit on');
  });

  test('user add makes the first admin with a temporary password; reset-password replaces it', async () => {
    const added = await headway(
      'user',
      'add',
      '--email',
      'first.admin@example.org',
      '--role',
      'admin',
      '--org-unit',
      'NM',
    );
    expect(added.code, added.stderr).toBe(0);
    const temporary = /Temporary password: (\S+)/.exec(added.stdout)?.[1] as string;
    expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const again = await headway(
      'user',
      'add',
      '--email',
      'First.Admin@example.org',
      '--role',
      'viewer',
      '--org-unit',
      'NM-A01',
    );
    expect(again.stdout).toContain('now also holds viewer at NM-A01');
    expect((await headway('user', 'list')).stdout).toContain(
      'first.admin@example.org\tfirst.admin\tadmin@NM, viewer@NM-A01',
    );
    const wrong = await headway(
      'user',
      'add',
      '--email',
      'x@example.org',
      '--role',
      'king',
      '--org-unit',
      'NM',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('There is no role "king"');

    const reset = await headway('user', 'reset-password', '--email', 'first.admin@example.org');
    const fresh = /New password for first.admin@example.org: (\S+)/.exec(reset.stdout)?.[1] as string;
    expect(fresh).toBeDefined();
    await withDb(async (db) => {
      const attempt = (password: string) =>
        signIn(db, { email: 'first.admin@example.org', password, ip: null, userAgent: null }).then(
          (s) => s.actor.grants,
          (e: Error) => e.message,
        );
      expect(await attempt(temporary)).toBe('The email or password is not right');
      expect(await attempt(fresh)).toEqual([
        { role: 'admin', org_unit: 'NM' },
        { role: 'viewer', org_unit: 'NM-A01' },
      ]);
    });
  });

  test('strategy cycle names the strategy it cannot find, and a term that is not one', async () => {
    const missing = await headway('strategy', 'cycle', 'status', 'NOPE', '--term', '2025-26T2');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Strategy NOPE was not found');
    const open = await headway('strategy', 'cycle', 'open', 'NOPE', '--term', '2025-26');
    expect(open.code).toBe(1);
  });

  test('reminders send counts with --dry-run; without SMTP it writes to the outbox, and a rerun sends nothing', async () => {
    const dry = await headway('reminders', 'send', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^Would email \d+ people about \d+ items \(overdue, or updates due\)\./);
    const unset = await headway('reminders', 'send');
    expect(unset.code, unset.stderr).toBe(0);
    expect(unset.stdout).toMatch(
      /^Wrote to the outbox \(SMTP is not configured\) emails for \d+ people about \d+ items/,
    );
    const rerun = await headway('reminders', 'send', '--json');
    expect(JSON.parse(rerun.stdout)).toMatchObject({ people: 0, items: 0, channel: 'outbox' });
    env.HEADWAY_SMTP_URL = 'smtp://mail.example.org';
    try {
      const noSender = await headway('reminders', 'send');
      expect(noSender.code).toBe(1);
      expect(noSender.stderr).toContain('HEADWAY_MAIL_FROM must name the sender');
    } finally {
      delete env.HEADWAY_SMTP_URL;
    }
  });
});
