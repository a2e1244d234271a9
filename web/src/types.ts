// The shapes the API answers with (see /api/v1/openapi.json).
export interface Session {
  user: { email: string; name: string };
  person: { code: string; name: string } | null;
  /** `group` is set when the role is held at a trust or federation (org_unit is then its code). */
  roles: { role: string; org_unit: string; group?: 'trust' | 'federation' }[];
  permissions: string[];
  whole_authority: boolean;
  csrf_token: string;
  terms: Record<string, string>;
  latest_month: string | null;
}

export interface HeadOnDate {
  person_code: string;
  name: string;
  role: string;
  since: string;
  tenure_years: number;
  headship_years: number;
  first_year_of_headship: boolean;
}

export interface SchoolDetail {
  code: string;
  name: string;
  phase: string;
  type: string | null;
  urn: string | null;
  area_code: string;
  area_name: string;
  cluster_code: string | null;
  trust_name: string | null;
  opened_on: string | null;
  closed_on: string | null;
  capacity: number | null;
  headship: { status: 'filled' | 'covered' | 'vacant'; head: HeadOnDate | null; cover: HeadOnDate[] };
  posts: {
    person_code: string;
    given_name: string;
    family_name: string;
    role: string;
    starts_on: string;
    fte: number | null;
  }[];
}

export interface ImportReport {
  kind: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

export interface SchoolValueAdded {
  school: string;
  n: number;
  effect: number;
  sd: number;
  lower: number;
  upper: number;
  band: 'above' | 'in_line' | 'below';
}

export interface ProgressScore {
  school: string;
  n: number;
  score: number;
  lower: number;
  upper: number;
  band: SchoolValueAdded['band'];
}

export interface Cohort {
  stage: string;
  academicYear: string;
  pupils: number;
  schools: number;
}

export interface CohortValueAdded {
  stage: string;
  academicYear: string;
  outcome: string;
  covariates: string[];
  model: {
    fixed: Record<string, { estimate: number; se: number }>;
    variance: { school: number; residual: number; slope?: number; covariance?: number };
    logLik: number;
    reml: boolean;
    pupils: number;
    schools: SchoolValueAdded[];
  };
  progress: ProgressScore[];
}
