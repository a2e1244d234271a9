// The per-school summaries a linear mixed model is fitted from: n, X'X, X'y and y'y over the school's
// pupils. They are built by one SQL GROUP BY (queries.ts) or, for a file, streamed here row by row;
// either way memory grows with schools, not pupils.
import { HeadwayError } from '../errors.ts';

export interface GroupStats {
  group: string;
  n: number;
  /** p x p, row-major, over the design columns (the intercept first). */
  xtx: Float64Array;
  xty: Float64Array;
  yty: number;
}

export interface ModelStats {
  /** Design column names: "(Intercept)" then the covariates, in order. */
  columns: string[];
  groups: GroupStats[];
}

export const INTERCEPT = '(Intercept)';

/** Accumulates rows of (group, covariates, outcome) into per-group sums of products. */
export class StatsAccumulator {
  private readonly byGroup = new Map<string, GroupStats>();
  private readonly row: Float64Array;
  readonly columns: string[];

  constructor(covariates: string[]) {
    this.columns = [INTERCEPT, ...covariates];
    this.row = new Float64Array(this.columns.length);
  }

  add(group: string, covariates: ArrayLike<number>, outcome: number): void {
    this.addTo(this.groupStats(group), covariates, outcome);
  }

  /** The group's running sums, created on first use (a reader keeps it while rows stay in one school). */
  groupStats(group: string): GroupStats {
    let stats = this.byGroup.get(group);
    if (!stats) {
      const p = this.columns.length;
      stats = { group, n: 0, xtx: new Float64Array(p * p), xty: new Float64Array(p), yty: 0 };
      this.byGroup.set(group, stats);
    }
    return stats;
  }

  addTo(stats: GroupStats, covariates: ArrayLike<number>, outcome: number): void {
    const p = this.columns.length;
    const x = this.row;
    x[0] = 1;
    for (let j = 1; j < p; j++) x[j] = covariates[j - 1] as number;
    stats.n += 1;
    stats.yty += outcome * outcome;
    for (let i = 0; i < p; i++) {
      const xi = x[i] as number;
      stats.xty[i] = (stats.xty[i] as number) + xi * outcome;
      for (let j = 0; j <= i; j++)
        stats.xtx[i * p + j] = (stats.xtx[i * p + j] as number) + xi * (x[j] as number);
    }
  }

  result(): ModelStats {
    const p = this.columns.length;
    const groups = [...this.byGroup.values()].sort((a, b) => a.group.localeCompare(b.group));
    for (const g of groups) {
      for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) g.xtx[j * p + i] = g.xtx[i * p + j] as number;
    }
    if (groups.length === 0) throw new HeadwayError('invalid', 'There are no pupils to fit the model to');
    return { columns: this.columns, groups };
  }
}
