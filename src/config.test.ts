import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('readConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(readConfig({})).toEqual({
      databaseUrl: undefined,
      dataDir: path.resolve('.headway/data'),
      port: 3000,
      trustedProxies: undefined,
      secureCookies: false,
      academicYearStart: 9,
      chromiumPath: '/usr/bin/chromium',
      mail: undefined,
      publicUrl: undefined,
      visitsPerTerm: 1,
      visitOverdueWeeks: 8,
      normingTolerance: { within_one: 0.8, bias: 0.5, kappa: 0.6 },
      normingDrift: 0.15,
      calibrationMonths: 12,
      outcomeYears: 3,
      skillsMinCell: 3,
      skillsWeakBelow: 3,
      governorTermMonths: 6,
      boardVacancyPercent: 25,
      strengthRubricShare: 0.85,
    });
  });

  it('reads every variable it documents', () => {
    const config = readConfig({
      DATABASE_URL: 'postgresql://me@localhost/headway?host=/var/run/postgresql',
      HEADWAY_DATA: '/srv/headway',
      PORT: '8080',
      HEADWAY_TRUSTED_PROXIES: '10.0.0.1, 10.1.0.0/16',
      HEADWAY_SECURE_COOKIES: '1',
      HEADWAY_ACADEMIC_YEAR_START: '1',
      CHROMIUM_PATH: '/opt/chromium/chrome',
      HEADWAY_SMTP_URL: 'smtp://headway:secret@mail.example.org:587',
      HEADWAY_MAIL_FROM: 'Headway <headway@example.org>',
      HEADWAY_PUBLIC_URL: 'https://headway.example.org/',
      HEADWAY_VISITS_PER_TERM: '2',
      HEADWAY_VISIT_OVERDUE_WEEKS: '6',
      HEADWAY_NORMING_MIN_WITHIN_ONE: '0.75',
      HEADWAY_NORMING_MAX_BIAS: '0.4',
      HEADWAY_NORMING_MIN_KAPPA: '0.5',
      HEADWAY_NORMING_DRIFT: '0.2',
      HEADWAY_CALIBRATION_MONTHS: '18',
    });
    expect(config).toEqual({
      databaseUrl: 'postgresql://me@localhost/headway?host=/var/run/postgresql',
      dataDir: '/srv/headway',
      port: 8080,
      trustedProxies: '10.0.0.1, 10.1.0.0/16',
      secureCookies: true,
      academicYearStart: 1,
      chromiumPath: '/opt/chromium/chrome',
      mail: { smtpUrl: 'smtp://headway:secret@mail.example.org:587', from: 'Headway <headway@example.org>' },
      publicUrl: 'https://headway.example.org',
      visitsPerTerm: 2,
      visitOverdueWeeks: 6,
      normingTolerance: { within_one: 0.75, bias: 0.4, kappa: 0.5 },
      normingDrift: 0.2,
      calibrationMonths: 18,
      outcomeYears: 3,
      skillsMinCell: 3,
      skillsWeakBelow: 3,
      governorTermMonths: 6,
      boardVacancyPercent: 25,
      strengthRubricShare: 0.85,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 1 to 65535, not "eighty"'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 1 to 65535, not "70000"'],
    [{ PORT: '30.5' }, 'PORT must be a whole number from 1 to 65535, not "30.5"'],
    [
      { HEADWAY_NORMING_MIN_KAPPA: 'high' },
      'HEADWAY_NORMING_MIN_KAPPA must be a number from -1 to 1, not "high"',
    ],
    [
      { HEADWAY_ACADEMIC_YEAR_START: '13' },
      'HEADWAY_ACADEMIC_YEAR_START must be a whole number from 1 to 12, not "13"',
    ],
    [
      { HEADWAY_ACADEMIC_YEAR_START: 'sept' },
      'HEADWAY_ACADEMIC_YEAR_START must be a whole number from 1 to 12, not "sept"',
    ],
    [
      { HEADWAY_SECURE_COOKIES: 'yes' },
      'HEADWAY_SECURE_COOKIES must be 1 or 0 (or true or false), not "yes"',
    ],
    [{ DATABASE_URL: 'mysql://host/db' }, 'DATABASE_URL must be a PostgreSQL address'],
    [{ HEADWAY_TRUSTED_PROXIES: '10.0.0.300' }, 'HEADWAY_TRUSTED_PROXIES: "10.0.0.300" is not an address'],
    [
      { HEADWAY_SMTP_URL: 'http://mail.example.org', HEADWAY_MAIL_FROM: 'a@b.c' },
      'HEADWAY_SMTP_URL must be an SMTP address',
    ],
    [{ HEADWAY_SMTP_URL: 'smtp://mail.example.org' }, 'HEADWAY_MAIL_FROM must name the sender'],
    [{ HEADWAY_PUBLIC_URL: 'headway.example.org' }, 'HEADWAY_PUBLIC_URL must be an http(s) address'],
  ])('refuses %j, naming the variable, instead of falling back', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  it('reads the DHIS2 pull, a password or a token, and keeps credentials out of what it refuses', () => {
    const env = {
      HEADWAY_DHIS2_URL: 'https://dhis2.example.org/',
      HEADWAY_DHIS2_USERNAME: 'headway',
      HEADWAY_DHIS2_PASSWORD: 'dhis2-s3cret',
      HEADWAY_DHIS2_DATA_SET: 'pBOMPrpg1QX',
      HEADWAY_DHIS2_ORG_UNIT: 'ImspTQPwCqd',
      HEADWAY_DHIS2_PULL_MONTHS: '24',
      HEADWAY_DHIS2_PULL_EVERY_HOURS: '6',
    };
    expect(readConfig(env).dhis2).toEqual({
      url: 'https://dhis2.example.org',
      auth: { username: 'headway', password: 'dhis2-s3cret' },
      dataSet: 'pBOMPrpg1QX',
      orgUnit: 'ImspTQPwCqd',
      months: 24,
      everyHours: 6,
    });
    expect(readConfig({ ...env, HEADWAY_DHIS2_TOKEN: 'd2pat_abc' }).dhis2?.auth).toEqual({
      token: 'd2pat_abc',
    });
    expect(readConfig({ ...env, HEADWAY_DHIS2_PULL_EVERY_HOURS: '' }).dhis2?.everyHours).toBeNull();
    expect(() => readConfig({ ...env, HEADWAY_DHIS2_PASSWORD: '' })).toThrow(
      'set HEADWAY_DHIS2_TOKEN, or HEADWAY_DHIS2_USERNAME and HEADWAY_DHIS2_PASSWORD',
    );
    expect(() =>
      readConfig({ ...env, HEADWAY_DHIS2_URL: 'https://headway:dhis2-s3cret@dhis2.example.org' }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret') }));
  });

  it('names every wrong variable at once, so one start finds them all', () => {
    expect(() => readConfig({ PORT: '0', HEADWAY_ACADEMIC_YEAR_START: '0' })).toThrow(
      'Headway\'s configuration is wrong: PORT must be a whole number from 1 to 65535, not "0"; ' +
        'HEADWAY_ACADEMIC_YEAR_START must be a whole number from 1 to 12, not "0"',
    );
  });

  it('keeps a password out of the message about a wrong HEADWAY_SMTP_URL', () => {
    expect(() =>
      readConfig({ HEADWAY_SMTP_URL: 'imap://admin:s3cret@host', HEADWAY_MAIL_FROM: 'a@b.c' }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret') }));
  });

  it('keeps a password out of the message about a wrong DATABASE_URL', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://admin:s3cret@host/db' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });
});
