// The API calls each page of the web app makes when it opens (read from web/src: the page component and
// the sections it renders), with the codes and periods the page itself would pick on the demo authority.
import type { Client } from './pages-client.ts';

export type Caller = 'director' | 'area lead';

export interface PageCall {
  page: string;
  /** The route as the API document names it (with the query parameter, where a page calls it twice). */
  route: string;
  as: Caller;
  url: string;
}

interface Choices {
  area: string;
  school: string;
  overviewPeriod: string;
  firstIndicator: string;
  explorerIndicator: string;
  latestMonth: string;
  cohort: { stage: string; academicYear: string } | undefined;
}

const query = (values: Record<string, string>) => new URLSearchParams(values).toString();

/** The first of the area's schools with a value-added cohort, so the school page shows every section. */
async function schoolWithCohorts(director: Client, schools: string[]) {
  for (const school of schools.slice(0, 10)) {
    const { cohorts } = await director.json<{ cohorts: { stage: string; academicYear: string }[] }>(
      `/api/v1/value-added/cohorts?${query({ school })}`,
    );
    if (cohorts.length > 0) return { school, cohort: cohorts[0] };
  }
  return { school: schools[0] as string, cohort: undefined };
}

/** What the pages would choose: the lead's area, its first school, the overview's period and indicator. */
async function choose(director: Client, lead: Client): Promise<Choices> {
  const session = await lead.json<{ roles: { role: string; org_unit: string }[] }>('/api/v1/auth/session');
  const area = session.roles.find((r) => r.role === 'area_lead')?.org_unit;
  if (!area) throw new Error(`${lead.email} leads no area`);
  const overview = await director.json<{ period: string; indicators: { code: string }[] }>(
    '/api/v1/dashboards/overview',
  );
  const { schools } = await lead.json<{ schools: { code: string }[] }>(`/api/v1/dashboards/areas/${area}`);
  const { indicators } = await director.json<{ indicators: { code: string }[] }>('/api/v1/indicators');
  return {
    area,
    ...(await schoolWithCohorts(
      director,
      schools.map((s) => s.code),
    )),
    overviewPeriod: overview.period,
    firstIndicator: overview.indicators[0]?.code ?? '',
    explorerIndicator: indicators[0]?.code ?? '',
    latestMonth: director.latestMonth ?? overview.period,
  };
}

function callsOf(c: Choices): PageCall[] {
  const director = (page: string, route: string, url: string): PageCall => ({
    page,
    route,
    as: 'director',
    url,
  });
  return [
    director('every page', 'GET /auth/session', '/api/v1/auth/session'),
    director('overview', 'GET /dashboards/overview', '/api/v1/dashboards/overview'),
    // The map is a panel of the overview page, coloured by the overview's first indicator.
    director(
      'map',
      'GET /dashboards/map',
      `/api/v1/dashboards/map?${query({ indicator: c.firstIndicator, period: c.overviewPeriod })}`,
    ),
    director('area', 'GET /dashboards/areas/{code}', `/api/v1/dashboards/areas/${c.area}`),
    {
      page: 'area',
      route: 'GET /dashboards/areas/{code}',
      as: 'area lead',
      url: `/api/v1/dashboards/areas/${c.area}`,
    },
    director('school', 'GET /schools/{code}', `/api/v1/schools/${c.school}`),
    director('school', 'GET /dashboards/schools/{code}', `/api/v1/dashboards/schools/${c.school}`),
    director(
      'school',
      'GET /value-added/cohorts',
      `/api/v1/value-added/cohorts?${query({ school: c.school })}`,
    ),
    director(
      'school',
      'GET /brokering/deployments?school',
      `/api/v1/brokering/deployments?${query({ school: c.school })}`,
    ),
    director(
      'school',
      'GET /brokering/deployments?given_by',
      `/api/v1/brokering/deployments?${query({ given_by: c.school })}`,
    ),
    // The school page's value-added section: its first cohort, fitted for every school.
    ...(c.cohort
      ? [
          director(
            'value added',
            'GET /value-added',
            `/api/v1/value-added?${query({ stage: c.cohort.stage, year: c.cohort.academicYear })}`,
          ),
        ]
      : []),
    director('explorer', 'GET /indicators', '/api/v1/indicators'),
    director(
      'explorer',
      'GET /analytics',
      `/api/v1/analytics?${query({ indicator: c.explorerIndicator, period: c.latestMonth, level: 'area' })}&series=false`,
    ),
    director('meetings', 'GET /meetings', '/api/v1/meetings'),
    director('challenges', 'GET /challenges', `/api/v1/challenges?${query({ status: 'open,in_progress' })}`),
    director('challenges', 'GET /challenges/ageing', '/api/v1/challenges/ageing?by=area'),
    director('challenges', 'GET /challenges/recurring', '/api/v1/challenges/recurring'),
    director('challenges', 'GET /challenges/measures', '/api/v1/challenges/measures?by=area&periods=6'),
    director('challenges', 'GET /challenge-categories', '/api/v1/challenge-categories'),
    director('challenges', 'GET /org-units', '/api/v1/org-units?level=area'),
    director('support needs', 'GET /brokering/needs', `/api/v1/brokering/needs?${query({ status: 'open' })}`),
    director('support needs', 'GET /org-units', '/api/v1/org-units?level=area'),
  ];
}

/** Every call of every page, in the order each page makes them. */
export async function pageCalls(director: Client, lead: Client): Promise<PageCall[]> {
  return callsOf(await choose(director, lead));
}

/** The pages, each with its calls, for timing the first request of each page after an import. */
export function byPage(calls: PageCall[]): Map<string, PageCall[]> {
  const pages = new Map<string, PageCall[]>();
  for (const call of calls) {
    const key = `${call.page} (${call.as})`;
    pages.set(key, [...(pages.get(key) ?? []), call]);
  }
  return pages;
}
