// "My part of the plan": first what the open termly cycle asks of the signed-in person (with the update
// forms in place), then everything they lead across strategies (strategies, strands, actions), what is
// asked, due next and overdue first, with items beneath them that have no lead yet.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { MyItem, myPlanRoute } from '../../../src/strategies/contract.ts';
import { getJson } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useSession } from '../session.tsx';
import { StatusTag } from './labels.tsx';
import { MeasuresTable } from './MeasuresTable.tsx';
import { AskedCell, MyPlanAsked } from './MyPlanAsked.tsx';

const kindNames: Record<MyItem['kind'], string> = {
  strategy: 'Strategy (overarching lead)',
  strand: 'Strand',
  action: 'Action',
};

const linkTo = (item: MyItem) =>
  item.kind === 'action'
    ? `/strategies/actions/${item.id}`
    : `/strategies/${encodeURIComponent(item.strategy.code)}`;

export function MyPlanPage() {
  const session = useSession();
  const plan = useQuery({
    queryKey: ['my-plan'],
    queryFn: () => getJson<Answer<typeof myPlanRoute>>('/api/v1/strategies/mine'),
  });
  if (plan.isError) return <Problem error={plan.error} />;
  if (!plan.data) return <p aria-busy="true">Loading your part of the plan…</p>;
  const items = plan.data.items;
  const overdue = items.filter((i) => i.overdue_milestones > 0).length;
  const asked = items.filter((i) => i.request && i.request.met_on === null).length;
  // A measure once, under the most specific item it belongs to: an action over its strand over the strategy.
  const rank: Record<MyItem['kind'], number> = { strategy: 0, strand: 1, action: 2 };
  const measureOwner = new Map<number, MyItem>();
  for (const item of [...items].sort((a, b) => rank[a.kind] - rank[b.kind]))
    for (const m of item.measures) measureOwner.set(m.id, item);
  const measures = [...new Map(items.flatMap((i) => i.measures.map((m) => [m.id, m] as const))).values()];
  return (
    <>
      <h1>My part of the plan</h1>
      {!session.person ? (
        <p>Your account is not linked to a person in the registry, so nothing in a plan can be yours.</p>
      ) : items.length === 0 ? (
        <p>
          You lead nothing in any strategy yet. <Link to="/strategies">See the strategies</Link>.
        </p>
      ) : (
        <>
          <p>
            You lead {items.length} {items.length === 1 ? 'item' : 'items'}; {asked} with an update asked of
            you this term; {overdue} with overdue milestones.
          </p>
          <MyPlanAsked items={items} />
          <h2>Everything you lead</h2>
          <Scroll label="My part of the plan">
            <table data-testid="my-plan">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Strategy</th>
                  <th scope="col">Status</th>
                  <th scope="col">This term’s update</th>
                  <th scope="col">Next due</th>
                  <th scope="col">Needs attention</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={`${item.kind}-${item.id}`}>
                    <th scope="row">
                      <span className="muted">{kindNames[item.kind]}</span>{' '}
                      <Link to={linkTo(item)}>
                        {item.code} {item.title}
                      </Link>
                    </th>
                    <td>{item.strategy.name}</td>
                    <td>{item.status ? <StatusTag status={item.status} /> : '–'}</td>
                    <td>
                      <AskedCell item={item} />
                    </td>
                    <td>
                      {item.next_milestone
                        ? `${item.next_milestone.title}, ${item.next_milestone.due_on}`
                        : '–'}
                    </td>
                    <td>
                      {item.overdue_milestones > 0 && (
                        <span className="band red">{item.overdue_milestones} overdue </span>
                      )}
                      {item.unowned_beneath > 0 && (
                        <span className="band red">{item.unowned_beneath} without a lead </span>
                      )}
                      {item.measures_off_track > 0 && (
                        <span className="band red">
                          {item.measures_off_track} {item.measures_off_track === 1 ? 'measure' : 'measures'}{' '}
                          off track
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <h2>Your measures against trajectory</h2>
          <MeasuresTable
            measures={measures}
            partOf={(m) => {
              const item = measureOwner.get(m.id);
              return item ? `${item.code} ${item.title}` : '';
            }}
          />
        </>
      )}
    </>
  );
}
