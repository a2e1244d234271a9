// The director's overview's section on leadership supply (issue 22): per area and for the authority, the
// vacancies open now (with cover arranged), the schools under acting or interim leadership at the
// period's end, the median days to fill a headship and the applications per headship round, and the
// shortage projection's central gap for the years ahead. Each figure is read from where its page reads
// it: the register's (listVacancies, headships filtered as the register's page filters them), the KPI
// roll-up's (the overview's results) and the projection's (shortageProjection), so the pack never
// disagrees with the pages.
import type { Context } from '../context.ts';
import type { AuthorityOverview } from '../dashboards/authority-figures.ts';
import { shortageProjection } from '../projection/projection.ts';
import { listVacancies } from '../vacancies/vacancies.ts';
import { escapeHtml } from './html.ts';

interface SupplyRow {
  code: string;
  name: string;
  open: number;
  under_cover: number;
  interim_led: number | null;
  median_days_to_fill: number | null;
  applications_per_headship: number | null;
}

export interface LeadershipSupply {
  rows: SupplyRow[];
  projection: {
    as_of: string;
    years: { ends_on: string; leavers: number; supply: number; gap: number; cumulative_gap: number }[];
  };
}

/** The section's figures for the authority (first) and each area of the overview. */
export async function leadershipSupply(
  context: Context,
  overview: AuthorityOverview,
): Promise<LeadershipSupply> {
  const interim = overview.results.get('schools_interim_led');
  const units = [
    { ...overview.authority, area: undefined, interim: interim?.authority.value ?? null },
    ...overview.areas.map((a) => ({
      code: a.code,
      name: a.name,
      area: a.code,
      interim: interim?.areas.find((r) => r.org_unit === a.code)?.value ?? null,
    })),
  ];
  const rows = await Promise.all(
    units.map(async (unit) => {
      const [all, headships] = await Promise.all([
        listVacancies(context, { area: unit.area, page_size: 1 }),
        listVacancies(context, { area: unit.area, post_role: 'headteacher', page_size: 1 }),
      ]);
      return {
        code: unit.code,
        name: unit.name,
        open: all.summary.open,
        under_cover: all.summary.under_cover,
        interim_led: unit.interim,
        median_days_to_fill: headships.summary.median_days_to_fill,
        applications_per_headship: headships.summary.applications_per_headship,
      };
    }),
  );
  const projection = await shortageProjection(context, {});
  return {
    rows,
    projection: {
      as_of: projection.as_of,
      years: projection.totals.central.map(({ ends_on, leavers, supply, gap, cumulative_gap }) => ({
        ends_on,
        leavers,
        supply,
        gap,
        cumulative_gap,
      })),
    },
  };
}

const number = (value: number | null, decimals = 1) =>
  value === null
    ? '–'
    : value.toLocaleString('en-GB', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });

/** The section as HTML, after the overview's tables. */
export function renderLeadershipSupply(supply: LeadershipSupply): string {
  const rows = supply.rows
    .map(
      (r, i) =>
        `<tr data-unit="${escapeHtml(r.code)}"><th scope="row">${i === 0 ? escapeHtml(r.name) : `<a href="${escapeHtml(r.code)}.html">${escapeHtml(r.name)}</a>`}</th><td class="num">${r.open}</td><td class="num">${r.under_cover}</td><td class="num">${number(r.interim_led, 0)}</td><td class="num">${number(r.median_days_to_fill)}</td><td class="num">${number(r.applications_per_headship)}</td></tr>`,
    )
    .join('');
  const years = supply.projection.years
    .map(
      (y) =>
        `<tr><th scope="row">to ${escapeHtml(y.ends_on)}</th><td class="num">${number(y.leavers)}</td><td class="num">${number(y.supply)}</td><td class="num">${number(y.gap)}</td><td class="num">${number(y.cumulative_gap)}</td></tr>`,
    )
    .join('');
  return `<section id="leadership-supply" aria-labelledby="leadership-supply-heading">
    <h2 id="leadership-supply-heading">Leadership supply</h2>
    <p>Vacancies from the vacancy register today (headships and deputy headships; time to fill and applications for headships, as the register shows them filtered to headships); acting or interim leadership at the period's end, from the posts and the register.</p>
    <table data-testid="supply"><thead><tr><th>Area</th><th class="num">Vacancies open</th><th class="num">Open with cover</th><th class="num">Schools under acting or interim heads</th><th class="num">Median days to fill a headship</th><th class="num">Applications per headship round</th></tr></thead><tbody>${rows}</tbody></table>
    <h3>Headteacher shortage projection (central) from ${escapeHtml(supply.projection.as_of)}</h3>
    <table data-testid="projection"><thead><tr><th>Year</th><th class="num">Heads expected to leave</th><th class="num">Supply from the pipeline</th><th class="num">Gap</th><th class="num">Cumulative gap</th></tr></thead><tbody>${years}</tbody></table>
  </section>`;
}
