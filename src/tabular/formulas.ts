// Formula injection (OWASP "CSV injection"): a spreadsheet program runs a CSV cell that starts with
// = + - @ tab or carriage return as a formula, so a school or challenge named `=HYPERLINK(...)` would
// become a live link in whoever opens the export. The writer quotes such text with a leading
// apostrophe (which spreadsheet programs show as text) and the reader takes it off again, so an
// export still re-imports unchanged.

// The full-width forms are read as the plain ones by Apple Numbers (as csv-stringify's
// escape_formulas found).
const TRIGGER = '[=+\\-@\\t\\r\uFF1D\uFF0B\uFF0D\uFF20]';

/** Text that must be quoted: a trigger first, or apostrophes then a trigger (so `'=x` survives a round trip too). */
const NEEDS_QUOTE = new RegExp(`^'*${TRIGGER}`);
/** What the writer quoted: one apostrophe too many in front of (apostrophes and) a trigger. */
const QUOTED = new RegExp(`^'(?='*${TRIGGER})`);
/** A negative figure written as text is still a figure: a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^-\d+(\.\d+)?$/;

/** The CSV text for a text cell: with a leading apostrophe when a spreadsheet would run it as a formula. */
export function quoteFormula(text: string): string {
  return NEEDS_QUOTE.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The text a CSV cell stood for: `'=x` reads as `=x`; an apostrophe before anything else is kept. */
export function unquoteFormula(text: string): string {
  return QUOTED.test(text) ? text.slice(1) : text;
}
