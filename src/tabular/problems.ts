// What an import found wrong, kept so that a person can act on it and so that a file wrong on every one
// of its million rows costs little more than a good one: the first 1,000 problems in row order in full,
// and the rest only counted, by column and reason ("is not a number", without the row's own "n/a").

/** How many problems an import lists in full; the rest are counted by column and reason. */
const LISTED_PROBLEMS = 1000;

export interface RowProblem {
  /** Spreadsheet row (header = 1); null for a problem with the file as a whole. */
  row: number | null;
  column: string | null;
  message: string;
  /**
   * What is wrong without this row's own values (`is not a school in Headway`, where the message says
   * `X1 is not a school in Headway`): problems beyond the listed ones are counted by it. Left out when
   * the message names no value of the row.
   */
  reason?: string;
}

/** Problems not listed, of one reason in one column. */
interface ProblemCount {
  column: string | null;
  reason: string;
  count: number;
}

export interface ProblemReport {
  /** Every problem found. */
  total: number;
  /** The first problems in row order (then column), in full: at most LISTED_PROBLEMS. */
  listed: RowProblem[];
  /** The problems not listed, counted by column and reason, most frequent first. */
  more: ProblemCount[];
}

/** `row 14, column opened_on: "2001-13-45" is not a date (use YYYY-MM-DD)` */
export function describeProblem(problem: RowProblem): string {
  const where = [
    problem.row !== null ? `row ${problem.row}` : null,
    problem.column ? `column ${problem.column}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${problem.message}` : problem.message;
}

/** Counts as the web app shows them: 1,440,094. */
export const formatCount = (n: number) => n.toLocaleString('en-GB');

/** `column school_code — is not a school in Headway (1,200)` */
function describeCount(count: ProblemCount): string {
  return `${count.column ? `column ${count.column} — ` : ''}${count.reason} (${formatCount(count.count)})`;
}

/** The lines that follow the listed problems: `and 1,500 more:`, then one line per column and reason. */
export function describeMore(report: ProblemReport): string[] {
  const unlisted = report.total - report.listed.length;
  if (unlisted === 0) return [];
  return [`and ${formatCount(unlisted)} more:`, ...report.more.map((c) => `  ${describeCount(c)}`)];
}

interface Kept {
  problem: RowProblem;
  /** The order problems were added in, which breaks ties of row and column as a stable sort would. */
  order: number;
}

/** Whether a comes before b in the report: by row (file-wide problems first), then column. */
function before(a: Kept, b: Kept): boolean {
  const byRow = (a.problem.row ?? 0) - (b.problem.row ?? 0);
  if (byRow !== 0) return byRow < 0;
  const byColumn = (a.problem.column ?? '').localeCompare(b.problem.column ?? '');
  return byColumn !== 0 ? byColumn < 0 : a.order < b.order;
}

/**
 * Collects an import's problems as the checks find them, in any order: every one is counted, and the
 * first `limit` in row order are kept in full. Memory stays at `limit` problems plus one count per column
 * and reason, however many rows are wrong.
 */
export class ProblemCollector {
  #total = 0;
  /** The kept problems as a max-heap: the one that comes last in the report on top, to be dropped first. */
  readonly #kept: Kept[] = [];
  /** Counts of the problems not kept, by column, then reason. */
  readonly #more = new Map<string | null, Map<string, number>>();

  /** Cells (`row:column`) whose text did not parse: what a later check says about them adds nothing. */
  readonly #unparsed = new Set<string>();

  constructor(readonly limit = LISTED_PROBLEMS) {}

  /** How many problems have been found so far. */
  get total(): number {
    return this.#total;
  }

  /** A cell that did not parse: the checks that follow see its text, and what they find there is not added. */
  reported(row: number, column: string): void {
    this.#unparsed.add(`${row}:${column}`);
  }

  add(problem: RowProblem): void {
    if (this.#unparsed.size > 0 && this.#unparsed.has(`${problem.row}:${problem.column}`)) return;
    const entry = { problem, order: this.#total++ };
    const heap = this.#kept;
    if (heap.length < this.limit) {
      heap.push(entry);
      this.#siftUp(heap.length - 1);
      return;
    }
    const last = heap[0];
    if (last && before(entry, last)) {
      this.#count(last.problem);
      heap[0] = entry;
      this.#siftDown(0);
    } else this.#count(problem);
  }

  report(): ProblemReport {
    const listed = [...this.#kept].sort((a, b) => (before(a, b) ? -1 : 1)).map((k) => k.problem);
    const more: ProblemCount[] = [];
    for (const [column, reasons] of this.#more)
      for (const [reason, count] of reasons) more.push({ column, reason, count });
    more.sort(
      (a, b) =>
        b.count - a.count ||
        (a.column ?? '').localeCompare(b.column ?? '') ||
        a.reason.localeCompare(b.reason),
    );
    return { total: this.#total, listed, more };
  }

  #count(problem: RowProblem): void {
    let reasons = this.#more.get(problem.column);
    if (!reasons) {
      reasons = new Map();
      this.#more.set(problem.column, reasons);
    }
    const reason = problem.reason ?? problem.message;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }

  #siftUp(index: number): void {
    const heap = this.#kept;
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      const [p, c] = [heap[parent] as Kept, heap[child] as Kept];
      if (!before(p, c)) return;
      heap[parent] = c;
      heap[child] = p;
      child = parent;
    }
  }

  #siftDown(index: number): void {
    const heap = this.#kept;
    let parent = index;
    for (;;) {
      let latest = parent;
      for (const child of [2 * parent + 1, 2 * parent + 2]) {
        if (child < heap.length && before(heap[latest] as Kept, heap[child] as Kept)) latest = child;
      }
      if (latest === parent) return;
      [heap[parent], heap[latest]] = [heap[latest] as Kept, heap[parent] as Kept];
      parent = latest;
    }
  }
}
