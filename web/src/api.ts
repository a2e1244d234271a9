// Fetches JSON from Headway's API and turns its error shape into a message the page can show.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok)
    throw new ApiError(response.status, body?.error?.message ?? `The server answered ${response.status}`);
  return body as T;
}

export interface OrgUnitSummary {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  schools: number;
}

export interface SchoolListItem {
  code: string;
  name: string;
  phase: string;
  type: string | null;
  area_code: string;
  area_name: string;
  cluster_code: string | null;
  trust_name: string | null;
  headship_status: 'filled' | 'covered' | 'vacant';
  headteacher: { name: string; role: string; since: string; tenure_years: number } | null;
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

export interface SchoolDetail extends SchoolListItem {
  urn: string | null;
  trust_code: string | null;
  opened_on: string | null;
  closed_on: string | null;
  capacity: number | null;
  latitude: number | null;
  longitude: number | null;
  headship: { status: 'filled' | 'covered' | 'vacant'; head: HeadOnDate | null; cover: HeadOnDate[] };
  posts: {
    person_code: string;
    given_name: string;
    family_name: string;
    role: string;
    starts_on: string;
    fte: number | null;
  }[];
  ancestors: { code: string; name: string; level: string }[];
}

export const words = (term: string) => term.replace(/_/g, ' ');
