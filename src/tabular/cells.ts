// zod shapes for spreadsheet cells: each takes the cell's text and either gives a typed value or a
// message a data manager can act on ("2001-13-45" is not a date (use YYYY-MM-DD)), with its reason
// without the cell's text (is not a date (use YYYY-MM-DD)), by which problems beyond the listed ones
// are counted. A blank optional cell is null; a column missing from the file is undefined ("leave as it is").
import { z } from 'zod';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; reason: string };

/** PostgreSQL text cannot hold a NUL: a cell with one is refused as it is read, never sent to the database. */
const NUL = '\u0000';

function cell<T>(parse: (text: string) => Parsed<T>) {
  return z.string().transform((raw, ctx) => {
    const result = raw.includes(NUL)
      ? fail('contains a NUL character (\\u0000), which text cannot hold; remove it')
      : parse(raw.trim());
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message, params: { reason: result.reason } });
    return z.NEVER;
  });
}

function required<T>(parse: (text: string) => Parsed<T>) {
  return cell((text) => (text === '' ? fail('is required') : parse(text)));
}

function optional<T>(parse: (text: string) => Parsed<T>) {
  return cell<T | null>((text) => (text === '' ? { ok: true, value: null } : parse(text))).optional();
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
/** `reason` alone, or after what the cell holds: `"x@" is not an email address`. */
const fail = (reason: string, cell?: string): Parsed<never> => ({
  ok: false,
  message: cell === undefined ? reason : `${cell} ${reason}`,
  reason,
});
const quoted = (text: string) => `"${text}"`;

function parseText(max: number) {
  return (text: string) => (text.length > max ? fail(`is longer than ${max} characters`) : ok(text));
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;
function parseCode(text: string) {
  if (text.length > 64) return fail('is longer than 64 characters');
  return CODE.test(text)
    ? ok(text)
    : fail('is not a code (use letters, digits and . _ - / without spaces)', quoted(text));
}

function parseIsoDate(text: string): Parsed<string> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const bad = fail('is not a date (use YYYY-MM-DD)', quoted(text));
  if (!match) return bad;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? ok(text)
    : bad;
}

function parseNumber(min: number, max: number, integer: boolean) {
  return (text: string) => {
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) return fail('is not a number', quoted(text));
    if (integer && !Number.isInteger(value)) return fail('is not a whole number', quoted(text));
    if (value < min || value > max) return fail(`is outside ${min} to ${max}`, text);
    return ok(value);
  };
}

/** Lower case with spaces and hyphens as underscores, so "All-through" and "all through" both read as all_through. */
export function normaliseTerm(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function parseOneOf<T extends string>(values: readonly T[], aliases: Record<string, T> = {}) {
  return (text: string) => {
    const key = normaliseTerm(text);
    const value = (values as readonly string[]).includes(key) ? (key as T) : aliases[key];
    return value ? ok(value) : fail(`is not one of: ${values.join(', ')}`, quoted(text));
  };
}

function parseAcademicYear(text: string) {
  return /^\d{4}-\d{2}$/.test(text) && Number(text.slice(5)) === (Number(text.slice(0, 4)) + 1) % 100
    ? ok(text)
    : fail('is not an academic year (use e.g. 2026-27)');
}

export const cells = {
  academicYear: () => required(parseAcademicYear),
  code: () => required(parseCode),
  optionalCode: () => optional(parseCode),
  text: (max = 200) => required(parseText(max)),
  optionalText: (max = 200) => optional(parseText(max)),
  date: () => required(parseIsoDate),
  optionalDate: () => optional(parseIsoDate),
  optionalInteger: (min: number, max: number) => optional(parseNumber(min, max, true)),
  optionalNumber: (min: number, max: number) => optional(parseNumber(min, max, false)),
  oneOf: <T extends string>(values: readonly T[], aliases?: Record<string, T>) =>
    required(parseOneOf(values, aliases)),
  optionalOneOf: <T extends string>(values: readonly T[], aliases?: Record<string, T>) =>
    optional(parseOneOf(values, aliases)),
  optionalEmail: () =>
    optional((text) =>
      /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)
        ? ok(text.toLowerCase())
        : fail('is not an email address', quoted(text)),
    ),
};
