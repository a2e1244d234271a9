// Reads Headway's settings from the environment once, at the edge, and refuses a wrong value there,
// naming the variable: a typo in PORT or HEADWAY_ACADEMIC_YEAR_START must stop the start, not be
// replaced by a default nobody asked for. The rest of the code takes what it needs as arguments.
import path from 'node:path';
import { parseTrustedProxies } from './auth/client-address.ts';
import { HeadwayError } from './errors.ts';

/** Settings the domain needs, passed in from the edge (in every request's and command's context). */
export interface Settings {
  /** The month (1-12) the academic year starts in. */
  academicYearStart: number;
  /** The Chromium that prints PDF reports (CHROMIUM_PATH). */
  chromiumPath: string;
  /** Email for reminders; absent when HEADWAY_SMTP_URL is unset (mail then goes to the outbox). */
  mail?: MailConfig;
  /** HEADWAY_PUBLIC_URL: the address people open Headway at, for links in emails. */
  publicUrl?: string;
  /** HEADWAY_VISITS_PER_TERM: supervision visits each school should have a term (coverage's expectation; default 1). */
  visitsPerTerm?: number;
  /** HEADWAY_VISIT_OVERDUE_WEEKS: a school not visited for this many weeks is flagged in coverage (default 8). */
  visitOverdueWeeks?: number;
  /** HEADWAY_NORMING_MIN_WITHIN_ONE, _MAX_BIAS, _MIN_KAPPA: a rater outside these is flagged (0.8, 0.5, 0.6). */
  normingTolerance?: { within_one: number; bias: number; kappa: number };
  /** HEADWAY_NORMING_DRIFT: a fall in weighted kappa from one session to the next that flags drift (0.15). */
  normingDrift?: number;
  /** HEADWAY_CALIBRATION_MONTHS: a visitor is calibrated this long after a session within tolerance (12). */
  calibrationMonths?: number;
  /** HEADWAY_OUTCOME_YEARS: a programme participant promoted within this many years of completing counts as promoted (default 3). */
  outcomeYears?: number;
  /** HEADWAY_SKILLS_MIN_CELL: a skills heat-map cell with fewer leaders than this is suppressed (default 3). */
  skillsMinCell?: number;
  /** HEADWAY_SKILLS_WEAK_BELOW: a validated rating below this is a weakness to recommend a programme for (default 3). */
  skillsWeakBelow?: number;
  /** HEADWAY_GOVERNOR_TERM_MONTHS: a governor whose term ends within this many months is flagged (default 6). */
  governorTermMonths?: number;
  /** HEADWAY_BOARD_VACANCY_PERCENT: a board with this share of its places vacant is not ready (default 25). */
  boardVacancyPercent?: number;
  /** HEADWAY_STRENGTH_RUBRIC_SHARE: a visit rubric section whose mean level over the year is at least this share of the top level is a strength (default 0.85: 3.4 of 4). */
  strengthRubricShare?: number;
  /** HEADWAY_DHIS2_*: the DHIS2 server dataValueSets are pulled from; absent when HEADWAY_DHIS2_URL is unset. */
  dhis2?: Dhis2Config;
}

/** The pull from DHIS2. The credentials are here and nowhere else: never logged, shown or audited. */
export interface Dhis2Config {
  /** HEADWAY_DHIS2_URL: the server's address, such as https://dhis2.example.org (the Web API is under /api). */
  url: string;
  /** HEADWAY_DHIS2_USERNAME and HEADWAY_DHIS2_PASSWORD (Basic), or HEADWAY_DHIS2_TOKEN (a personal access token). */
  auth: { username: string; password: string } | { token: string };
  /** HEADWAY_DHIS2_DATA_SET: the data set's UID. */
  dataSet: string;
  /** HEADWAY_DHIS2_ORG_UNIT: the org unit root's UID (or a Headway code mapped to one); its children are read too. */
  orgUnit: string;
  /** HEADWAY_DHIS2_PULL_MONTHS: how many months, ending with this one, a pull reads (default 12). */
  months: number;
  /** HEADWAY_DHIS2_PULL_EVERY_HOURS: how often the server pulls (unset or 0: only when asked). */
  everyHours: number | null;
}

export interface Config extends Settings {
  /** A PostgreSQL server (`postgres://...`); when absent Headway runs its own embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** Folder of the embedded PostgreSQL server's data. */
  dataDir: string;
  port: number;
  /** HEADWAY_TRUSTED_PROXIES: proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, comma-separated). */
  trustedProxies: string | undefined;
  /** HEADWAY_SECURE_COOKIES: mark the session cookie Secure though Headway itself sees plain HTTP (behind a TLS proxy). */
  secureCookies: boolean;
  /** Email for reminders; undefined when HEADWAY_SMTP_URL is unset (reminders are then in-app only). */
  mail: MailConfig | undefined;
  /** HEADWAY_PUBLIC_URL: the address people open Headway at, for links in emails. */
  publicUrl: string | undefined;
}

export interface MailConfig {
  /** HEADWAY_SMTP_URL: smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465. */
  smtpUrl: string;
  /** HEADWAY_MAIL_FROM: the sender, such as "Headway <headway@example.org>". */
  from: string;
}

/** A variable's value that is wrong: which variable, what it held and what it should hold. */
type Problem = string;

function decimal(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  [from, to]: [number, number],
  problems: Problem[],
): number {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (/^-?\d+(\.\d+)?$/.test(text) && value >= from && value <= to) return value;
  problems.push(`${name} must be a number from ${from} to ${to}, not "${env[name]}"`);
  return fallback;
}

function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  [from, to]: [number, number],
  problems: Problem[],
): number {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (/^\d+$/.test(text) && value >= from && value <= to) return value;
  problems.push(`${name} must be a whole number from ${from} to ${to}, not "${env[name]}"`);
  return fallback;
}

function flag(env: NodeJS.ProcessEnv, name: string, problems: Problem[]): boolean {
  const text = env[name]?.trim().toLowerCase();
  if (text === undefined || text === '' || text === '0' || text === 'false') return false;
  if (text === '1' || text === 'true') return true;
  problems.push(`${name} must be 1 or 0 (or true or false), not "${env[name]}"`);
  return false;
}

function databaseUrl(env: NodeJS.ProcessEnv, problems: Problem[]): string | undefined {
  const text = env.DATABASE_URL?.trim();
  if (!text) return undefined;
  let protocol: string | null = null;
  try {
    protocol = new URL(text).protocol;
  } catch {
    // reported below
  }
  if (protocol === 'postgres:' || protocol === 'postgresql:') return text;
  problems.push(
    'DATABASE_URL must be a PostgreSQL address such as postgres://user:pass@host/headway ' +
      '(or unset for the embedded server), not what it holds',
  );
  return undefined;
}

function trustedProxies(env: NodeJS.ProcessEnv, problems: Problem[]): string | undefined {
  const text = env.HEADWAY_TRUSTED_PROXIES?.trim();
  if (!text) return undefined;
  try {
    parseTrustedProxies(text);
  } catch (error) {
    problems.push((error as Error).message);
  }
  return text;
}

function mail(env: NodeJS.ProcessEnv, problems: Problem[]): MailConfig | undefined {
  const smtpUrl = env.HEADWAY_SMTP_URL?.trim();
  if (!smtpUrl) return undefined;
  let protocol: string | null = null;
  try {
    protocol = new URL(smtpUrl).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:')
    problems.push(
      'HEADWAY_SMTP_URL must be an SMTP address such as smtp://user:pass@mail.example.org:587, not what it holds',
    );
  const from = env.HEADWAY_MAIL_FROM?.trim();
  if (!from)
    problems.push(
      'HEADWAY_MAIL_FROM must name the sender (such as "Headway <headway@example.org>") when HEADWAY_SMTP_URL is set',
    );
  return { smtpUrl, from: from ?? '' };
}

function dhis2(env: NodeJS.ProcessEnv, problems: Problem[]): Dhis2Config | undefined {
  const url = env.HEADWAY_DHIS2_URL?.trim().replace(/\/+$/, '');
  if (!url) return undefined;
  // Say which variable is wrong, never what a credential holds.
  if (!/^https?:\/\/[^/\s]+/.test(url) || /^https?:\/\/[^/]*@/.test(url))
    problems.push(
      'HEADWAY_DHIS2_URL must be an http(s) address without credentials, such as https://dhis2.example.org',
    );
  const username = env.HEADWAY_DHIS2_USERNAME?.trim();
  const password = env.HEADWAY_DHIS2_PASSWORD ?? '';
  const token = env.HEADWAY_DHIS2_TOKEN?.trim();
  if (!token && !(username && password))
    problems.push(
      'HEADWAY_DHIS2_URL is set: set HEADWAY_DHIS2_TOKEN, or HEADWAY_DHIS2_USERNAME and HEADWAY_DHIS2_PASSWORD',
    );
  const dataSet = env.HEADWAY_DHIS2_DATA_SET?.trim() ?? '';
  const orgUnit = env.HEADWAY_DHIS2_ORG_UNIT?.trim() ?? '';
  if (!dataSet)
    problems.push("HEADWAY_DHIS2_DATA_SET must name the data set's UID when HEADWAY_DHIS2_URL is set");
  if (!orgUnit)
    problems.push('HEADWAY_DHIS2_ORG_UNIT must name the org unit root when HEADWAY_DHIS2_URL is set');
  const every = decimal(env, 'HEADWAY_DHIS2_PULL_EVERY_HOURS', 0, [0, 24 * 31], problems);
  return {
    url,
    auth: token ? { token } : { username: username ?? '', password },
    dataSet,
    orgUnit,
    months: wholeNumber(env, 'HEADWAY_DHIS2_PULL_MONTHS', 12, [1, 60], problems),
    everyHours: every > 0 ? every : null,
  };
}

function publicUrl(env: NodeJS.ProcessEnv, problems: Problem[]): string | undefined {
  const text = env.HEADWAY_PUBLIC_URL?.trim().replace(/\/+$/, '');
  if (!text) return undefined;
  if (/^https?:\/\/[^/\s]+/.test(text)) return text;
  problems.push(
    `HEADWAY_PUBLIC_URL must be an http(s) address such as https://headway.example.org, not "${text}"`,
  );
  return undefined;
}

/** The configuration from the environment, or a HeadwayError listing every wrong variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: Problem[] = [];
  const config: Config = {
    databaseUrl: databaseUrl(env, problems),
    dataDir: path.resolve(env.HEADWAY_DATA?.trim() || '.headway/data'),
    port: wholeNumber(env, 'PORT', 3000, [1, 65535], problems),
    trustedProxies: trustedProxies(env, problems),
    secureCookies: flag(env, 'HEADWAY_SECURE_COOKIES', problems),
    academicYearStart: wholeNumber(env, 'HEADWAY_ACADEMIC_YEAR_START', 9, [1, 12], problems),
    chromiumPath: env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
    mail: mail(env, problems),
    publicUrl: publicUrl(env, problems),
    visitsPerTerm: wholeNumber(env, 'HEADWAY_VISITS_PER_TERM', 1, [1, 20], problems),
    visitOverdueWeeks: wholeNumber(env, 'HEADWAY_VISIT_OVERDUE_WEEKS', 8, [1, 52], problems),
    normingTolerance: {
      within_one: decimal(env, 'HEADWAY_NORMING_MIN_WITHIN_ONE', 0.8, [0, 1], problems),
      bias: decimal(env, 'HEADWAY_NORMING_MAX_BIAS', 0.5, [0, 4], problems),
      kappa: decimal(env, 'HEADWAY_NORMING_MIN_KAPPA', 0.6, [-1, 1], problems),
    },
    normingDrift: decimal(env, 'HEADWAY_NORMING_DRIFT', 0.15, [0, 2], problems),
    calibrationMonths: wholeNumber(env, 'HEADWAY_CALIBRATION_MONTHS', 12, [1, 60], problems),
    outcomeYears: wholeNumber(env, 'HEADWAY_OUTCOME_YEARS', 3, [1, 10], problems),
    skillsMinCell: wholeNumber(env, 'HEADWAY_SKILLS_MIN_CELL', 3, [1, 50], problems),
    skillsWeakBelow: decimal(env, 'HEADWAY_SKILLS_WEAK_BELOW', 3, [1.5, 4.5], problems),
    governorTermMonths: wholeNumber(env, 'HEADWAY_GOVERNOR_TERM_MONTHS', 6, [1, 36], problems),
    boardVacancyPercent: wholeNumber(env, 'HEADWAY_BOARD_VACANCY_PERCENT', 25, [1, 100], problems),
    strengthRubricShare: decimal(env, 'HEADWAY_STRENGTH_RUBRIC_SHARE', 0.85, [0.5, 1], problems),
    dhis2: dhis2(env, problems),
  };
  if (problems.length > 0)
    throw new HeadwayError('invalid', `Headway's configuration is wrong: ${problems.join('; ')}`);
  return config;
}

/** The part of the configuration the domain sees. */
export const settingsOf = (config: Config): Settings => ({
  academicYearStart: config.academicYearStart,
  chromiumPath: config.chromiumPath,
  mail: config.mail,
  publicUrl: config.publicUrl,
  visitsPerTerm: config.visitsPerTerm,
  visitOverdueWeeks: config.visitOverdueWeeks,
  normingTolerance: config.normingTolerance,
  normingDrift: config.normingDrift,
  calibrationMonths: config.calibrationMonths,
  outcomeYears: config.outcomeYears,
  skillsMinCell: config.skillsMinCell,
  skillsWeakBelow: config.skillsWeakBelow,
  governorTermMonths: config.governorTermMonths,
  boardVacancyPercent: config.boardVacancyPercent,
  strengthRubricShare: config.strengthRubricShare,
  dhis2: config.dhis2,
});
