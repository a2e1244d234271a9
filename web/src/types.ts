// The shapes the API answers with (see /api/v1/openapi.json).
export type Band = 'red' | 'amber' | 'green';

export interface Heading {
  code: string;
  name: string;
  unit: string;
  decimals: number;
  direction: 'higher' | 'lower';
  additive?: boolean;
}

export interface Cell {
  value: number | null;
  band: Band | null;
  trend: string;
  slope: number | null;
  completeness: number | null;
  target: number | null;
}

export type Cells = Record<string, Cell>;

export interface Overview {
  period: string;
  indicators: Heading[];
  authority: { code: string; name: string; cells: Cells };
  areas: { code: string; name: string; concerns: number; schools_of_concern: number; cells: Cells }[];
  trusts: { code: string; name: string; kind: 'trust' | 'federation'; schools: number }[];
}

export interface SchoolPoint {
  code: string;
  name: string;
  lat: number;
  lon: number;
  value: number | null;
  band: Band | null;
}

export interface AreaDashboard {
  period: string;
  area: { code: string; name: string; cells: Cells };
  authority: { code: string; name: string; cells: Cells };
  indicators: Heading[];
  schools: {
    code: string;
    name: string;
    phase: string;
    cluster_code: string | null;
    headship_status: 'filled' | 'covered' | 'vacant';
    headteacher: { name: string; role: string; since: string; tenure_years: number } | null;
    cells: Cells;
    concerns: { rule: string; indicator: string | null; reason: string }[];
  }[];
}

export type DashboardSchool = AreaDashboard['schools'][number] & { area_code?: string; area_name?: string };

export interface TrustDashboard {
  period: string;
  trust: { code: string; name: string; kind: 'trust' | 'federation'; cells: Cells };
  areas: { code: string; name: string; cells: Cells }[];
  authority: { code: string; name: string; cells: Cells };
  indicators: Heading[];
  schools: (AreaDashboard['schools'][number] & { area_code: string; area_name: string })[];
}

export interface SeriesPoint {
  period: string;
  value: number | null;
}

export interface SchoolFigures {
  period: string;
  school: { code: string; name: string };
  area: { code: string; name: string } | null;
  authority: { code: string; name: string } | null;
  indicators: {
    indicator: Heading;
    school: Cell;
    area: Cell;
    authority: Cell;
    series: { school: SeriesPoint[]; area: SeriesPoint[]; authority: SeriesPoint[] };
  }[];
  concerns: { rule: string; indicator: string | null; reason: string }[];
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

export interface AnalyticsRow {
  org_unit: string;
  name: string;
  level: string;
  value: number | null;
  band: Band | null;
  target: number | null;
  trend: { direction: string };
  completeness: { reported: number; expected: number; rate: number | null };
}
