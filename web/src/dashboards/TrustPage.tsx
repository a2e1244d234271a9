// A trust's (or federation's) view, for its chief executive: the trust's figure on every indicator
// beside the areas its schools sit in and the authority, then its schools in the area page's table.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { trustRoute } from '../../../src/dashboards/contract.ts';
import { getJson, path } from '../api.ts';
import { TrustGiving } from '../giving/TrustGiving.tsx';
import { Problem } from '../Problem.tsx';
import { MonthPicker, periodQuery, usePeriod } from '../period.tsx';
import { useTerm } from '../session.tsx';
import { SchoolsTable, UnitsTable } from './SchoolsTable.tsx';

export function TrustPage() {
  const { code = '' } = useParams();
  const term = useTerm();
  const [period, setPeriod] = usePeriod();
  const trust = useQuery({
    queryKey: ['trust-dashboard', code, period],
    queryFn: () =>
      getJson<Answer<typeof trustRoute>>(`/api/v1/dashboards/trusts/${path(code)}${periodQuery(period)}`),
  });

  if (trust.isPending) return <p aria-busy="true">Loading the {term('trust')}…</p>;
  if (trust.isError) return <Problem error={trust.error} />;
  const t = trust.data;
  const concerns = t.schools.filter((s) => s.concerns.length > 0).length;

  // The same pack `headway report trust` makes: its figures beside its areas, stages, give and receive.
  const pack = `/api/v1/reports/trust/${path(t.trust.code)}?period=${encodeURIComponent(t.period)}`;
  return (
    <section>
      <p className="crumbs">
        <Link to={`/${periodQuery(t.period)}`}>Overview</Link> ›
      </p>
      <h1>
        {t.trust.name} in {t.period}
      </h1>
      <p>
        A {term(t.trust.kind)} of {t.schools.length} schools; {concerns} needing attention. Its figure on each
        indicator is its schools' numerators and denominators summed, not the mean of their rates.
      </p>
      <p data-testid="trust-pack">
        Performance pack for {t.period}: <a href={pack}>open (HTML)</a> ·{' '}
        <a href={`${pack}&format=pdf`}>download PDF</a>
      </p>
      <MonthPicker shown={t.period} onChange={setPeriod} />
      <h2>
        Compared with its {term('areas')} and the {term('authority')}
      </h2>
      <UnitsTable
        label={`${term(t.trust.kind, true)} indicators`}
        indicators={t.indicators}
        units={[t.trust, ...t.areas, t.authority]}
      />

      <h2>Schools</h2>
      <SchoolsTable indicators={t.indicators} schools={t.schools} period={t.period} showArea />
      <TrustGiving code={t.trust.code} />
    </section>
  );
}
