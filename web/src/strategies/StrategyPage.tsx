// One strategy: its overarching lead, strands as a tree with their actions (filtered by lead, status
// and group, the filter kept in the address), measures against trajectory, and the strategies it
// contributes to and that contribute to it; forms for those who may change it.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type {
  ActionStatus,
  ActionSummary,
  Strand,
  StrategyLink,
  strategyRoute,
} from '../../../src/strategies/contract.ts';
import { getJson } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useUrlState } from '../useUrlState.ts';
import { HistoryList, PastView } from './HistoryView.tsx';
import { LinkForm } from './LinkForm.tsx';
import { LeadName, StatusTag, statusNames } from './labels.tsx';
import { MeasuresTable } from './MeasuresTable.tsx';
import { RemoveButton, RenameStrategy } from './PlanEdits.tsx';
import { ReorganisePanel } from './ReorganisePanel.tsx';
import { AddAction, AddMeasure, AddStrand, ChangeLead } from './StrategyForms.tsx';
import { useGroups } from './useGroups.ts';

const NO_LEAD = 'none';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function StrategyPage() {
  const { code = '' } = useParams();
  const groups = useGroups();
  const [filter, setFilter] = useUrlState({ lead: '', status: '', group: '', as_of: '' });
  const strategy = useQuery({
    queryKey: ['strategy', code, filter.as_of],
    queryFn: () =>
      getJson<Answer<typeof strategyRoute>>(
        `/api/v1/strategies/${encodeURIComponent(code)}${filter.as_of ? `?as_of=${filter.as_of}` : ''}`,
      ),
  });
  if (strategy.isError) return <Problem error={strategy.error} />;
  if (!strategy.data) return <p aria-busy="true">Loading the strategy…</p>;
  const s = strategy.data;
  const actions = s.strands.flatMap((st) => st.actions);
  const leads = [
    ...new Map(
      [...s.strands, ...actions].flatMap((item) => (item.lead ? [[item.lead.code, item.lead]] : [])),
    ).values(),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const shows = (a: ActionSummary) =>
    (!filter.lead || (filter.lead === NO_LEAD ? a.lead === null : a.lead?.code === filter.lead)) &&
    (!filter.status || a.status === filter.status) &&
    (!filter.group || a.groups.includes(filter.group));
  const filtered = Boolean(filter.lead || filter.status || filter.group);
  const strandName = (id: number | null) => s.strands.find((st) => st.id === id)?.name ?? '';
  const actionTitle = (id: number | null) => actions.find((a) => a.id === id)?.title ?? '';
  return (
    <>
      <p className="crumbs">
        <Link to="/strategies">Strategies</Link> ›
      </p>
      <h1>{s.name}</h1>
      {s.purpose && <p>{s.purpose}</p>}
      <p className="links">
        <Link to={`/strategies/${encodeURIComponent(s.code)}/report`}>Termly impact report</Link>
        {' · '}
        <Link to={`/strategies/${encodeURIComponent(code)}/cycle`}>
          Termly cycles: updates asked of the leads
        </Link>
        {' · '}
        <a href={`/api/v1/strategies/${encodeURIComponent(code)}/workbook`} download>
          The plan as a workbook
        </a>
      </p>
      <dl className="facts">
        <div>
          <dt>Scope</dt>
          <dd>{s.scope.name}</dd>
        </div>
        <div>
          <dt>Overarching lead</dt>
          <dd data-testid="overarching-lead">
            <LeadName lead={s.lead} />
          </dd>
        </div>
      </dl>
      <p>
        {plural(s.counts.strands, 'strand')}, {plural(s.counts.actions, 'action')};{' '}
        <span className={s.counts.unowned ? 'band red' : ''} data-testid="unowned">
          {s.counts.unowned} without a lead
        </span>{' '}
        <span className="muted">(the strategy itself, its strands and open actions count)</span>;{' '}
        {s.counts.at_risk} at risk, {s.counts.off_track} off track; {s.counts.measures_off_track} of{' '}
        {plural(s.counts.measures, 'measure')} off track.
      </p>
      <PastView
        key={filter.as_of}
        asOf={filter.as_of}
        onChange={(as_of) => setFilter({ as_of }, { push: true })}
      />
      {s.can_edit && (
        <>
          <ChangeLead what="Overarching lead" path={`/api/v1/strategies/${encodeURIComponent(code)}`} />
          <RenameStrategy code={code} name={s.name} purpose={s.purpose} />
        </>
      )}
      <fieldset className="filters">
        <legend>Show actions</legend>
        <Choice
          label="Lead"
          value={filter.lead}
          onChange={(lead) => setFilter({ lead })}
          options={[{ value: NO_LEAD, label: 'No lead' }, ...codeOptions(leads)]}
          empty="Anyone"
        />
        <Choice
          label="Status"
          value={filter.status}
          onChange={(status) => setFilter({ status })}
          options={(Object.keys(statusNames) as ActionStatus[]).map((value) => ({
            value,
            label: statusNames[value],
          }))}
          empty="Any status"
        />
        <Choice
          label="Serving"
          value={filter.group}
          onChange={(group) => setFilter({ group })}
          options={codeOptions(groups)}
          empty="Any group"
        />
      </fieldset>
      {s.strands.length === 0 && <p>No strands yet.</p>}
      {s.strands.map((strand) => (
        <StrandSection
          key={strand.id}
          strand={strand}
          actions={strand.actions.filter(shows)}
          filtered={filtered}
          asOf={filter.as_of}
          groupName={(g) => groups.find((x) => x.code === g)?.name ?? g}
        />
      ))}
      <h2>Measures</h2>
      <MeasuresTable
        measures={s.measures}
        removable={s.can_edit}
        partOf={(m) =>
          m.strand_id ? `Strand: ${strandName(m.strand_id)}` : `Action: ${actionTitle(m.action_id)}`
        }
      />
      <Links title="Contributes to" links={s.contributes_to} end="to" removable={s.can_edit} />
      <Links title="Contributed to by" links={s.contributed_by} end="from" />
      {s.can_edit && <AddStrand code={code} />}
      {s.strands.some((st) => st.can_edit) && (
        <AddAction strands={s.strands.filter((st) => st.can_edit)} groups={groups} />
      )}
      {s.can_edit && s.strands.length > 0 && (
        <AddMeasure code={code} strands={s.strands} scope={s.scope.code} />
      )}
      {s.can_edit && s.strands.length > 0 && <LinkForm strategy={s} />}
      {!filter.as_of && <ReorganisePanel strategy={s} />}
      <HistoryList code={code} asOf={filter.as_of} />
    </>
  );
}

function StrandSection({
  strand,
  actions,
  filtered,
  asOf,
  groupName,
}: {
  strand: Strand;
  actions: ActionSummary[];
  filtered: boolean;
  asOf: string;
  groupName: (code: string) => string;
}) {
  const depth = new Map<number, number>();
  for (const a of strand.actions)
    depth.set(a.id, a.parent_id === null ? 0 : (depth.get(a.parent_id) ?? 0) + 1);
  return (
    <section className="strand" aria-labelledby={`strand-${strand.id}`} data-strand={strand.code}>
      <h2 id={`strand-${strand.id}`}>
        {strand.code} {strand.name}
      </h2>
      <p>
        Lead: <LeadName lead={strand.lead} />
      </p>
      {strand.can_edit && (
        <ChangeLead what={`Lead of ${strand.name}`} path={`/api/v1/strategies/strands/${strand.id}`} />
      )}
      {actions.length === 0 ? (
        <p className="muted">{filtered ? 'No actions match the filter.' : 'No actions yet.'}</p>
      ) : (
        <ul className="plan-actions">
          {actions.map((a) => (
            <li key={a.id} data-action={a.code} style={{ marginLeft: `${1.25 * (depth.get(a.id) ?? 0)}rem` }}>
              <Link to={`/strategies/actions/${a.id}${asOf ? `?as_of=${asOf}` : ''}`}>
                {a.code} {a.title}
              </Link>{' '}
              <StatusTag status={a.status} /> <LeadName lead={a.lead} />
              {a.groups.length > 0 && <span className="muted"> · {a.groups.map(groupName).join(', ')}</span>}
              {a.next_milestone && (
                <span className="muted">
                  {' '}
                  · next: {a.next_milestone.title} by {a.next_milestone.due_on}
                </span>
              )}
              {a.overdue_milestones > 0 && (
                <>
                  {' '}
                  <span className="band red">{a.overdue_milestones} overdue</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Links({
  title,
  links,
  end,
  removable = false,
}: {
  title: string;
  links: StrategyLink[];
  end: 'from' | 'to';
  removable?: boolean;
}) {
  if (links.length === 0) return null;
  return (
    <>
      <h2>{title}</h2>
      <ul>
        {links.map((l) => {
          const other = l[end];
          const mine = l[end === 'to' ? 'from' : 'to'];
          const name = (e: StrategyLink['from']) =>
            e.strand ? `strand ${e.strand.name}` : `measure ${e.measure?.indicator}, ${e.measure?.org_unit}`;
          return (
            <li key={l.id}>
              <Link to={`/strategies/${encodeURIComponent(other.strategy.code)}`}>{other.strategy.name}</Link>
              : {name(other)} (from this strategy's {name(mine)}){l.note && ` — ${l.note}`}{' '}
              {removable && (
                <RemoveButton
                  what={`the link to ${other.strategy.name}`}
                  path={`/api/v1/strategies/links/${l.id}`}
                />
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
