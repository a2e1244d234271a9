// The needs list's filters and sort, each option with how many needs choosing it would show (the other
// filters applied), so a broker sees where the needs are before choosing.
import { useEffect, useState } from 'react';
import type { NeedCount, NeedPage } from '../../../src/brokering/need-contract.ts';
import { Choice, type ChoiceOption, codeOptions } from '../Choice.tsx';
import { kindNames } from './labels.ts';
import { inspectionNames, severityNames } from './need-labels.ts';

export const needFilterDefaults = {
  area: '',
  kind: '',
  severity: '',
  inspection: '',
  specialism: '',
  status: 'open',
  older_than: '',
  q: '',
  sort: 'severity',
  order: '',
  page: '1',
};
export type NeedFilterState = typeof needFilterDefaults;

const sorts: ChoiceOption[] = [
  { value: 'severity', label: 'Most severe first' },
  { value: 'age', label: 'Oldest first' },
  { value: 'age:asc', label: 'Newest first' },
  { value: 'school', label: 'School A–Z' },
  { value: 'school:desc', label: 'School Z–A' },
  { value: 'area', label: 'Area' },
  { value: 'kind', label: 'Kind of support' },
];
const statusNames = {
  open: 'Open',
  supported: 'Being met',
  closed: 'Closed',
  lapsed: 'Lapsed',
  withdrawn: 'Withdrawn',
};

/** Options with their counts ("High (278)"); an option no need has still shows, with 0. */
function counted(labels: Record<string, string>, counts: NeedCount[] | undefined): ChoiceOption[] {
  const by = new Map((counts ?? []).map((c) => [c.value, c.count]));
  return Object.entries(labels).map(([value, label]) => ({
    value,
    label: counts ? `${label} (${(by.get(value) ?? 0).toLocaleString('en-GB')})` : label,
  }));
}

/** Typing in the search waits for a pause before asking the server. */
function SchoolSearch({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text), 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <label>
      School{' '}
      <input
        type="search"
        value={text}
        placeholder="Name or code"
        onChange={(e) => setText(e.target.value)}
      />
    </label>
  );
}

export function NeedFilters({
  filter,
  onChange,
  areas,
  counts,
  specialisms = [],
}: {
  filter: NeedFilterState;
  onChange: (changes: Partial<NeedFilterState>) => void;
  areas: { code: string; name: string }[];
  counts: NeedPage['counts'] | undefined;
  specialisms?: { code: string; name: string }[];
}) {
  // Any change of filter or sort starts again at the first page.
  const set = (key: keyof NeedFilterState) => (value: string) => onChange({ [key]: value, page: '1' });
  const areaNames = Object.fromEntries(areas.map((a) => [a.code, a.name]));
  return (
    <fieldset className="filters">
      <legend className="sr-only">Filter and sort the needs</legend>
      {areas.length > 0 && (
        <Choice
          label="Area"
          value={filter.area}
          onChange={set('area')}
          empty="All in my scope"
          options={counted(areaNames, counts?.area)}
        />
      )}
      <Choice
        label="Severity"
        value={filter.severity}
        onChange={set('severity')}
        empty="Any"
        options={counted(severityNames, counts?.severity)}
      />
      <Choice
        label="Kind"
        value={filter.kind}
        onChange={set('kind')}
        empty="Any"
        options={counted(kindNames, counts?.kind)}
      />
      <Choice
        label="Inspection"
        value={filter.inspection}
        onChange={set('inspection')}
        empty="Any"
        options={counted(inspectionNames, counts?.inspection)}
      />
      <Choice
        label="Specialism"
        value={filter.specialism}
        onChange={set('specialism')}
        empty="Any or none"
        options={[{ value: 'any', label: 'Asks for one' }, ...codeOptions(specialisms)]}
      />
      <Choice
        label="Status"
        value={filter.status}
        onChange={set('status')}
        empty="Any"
        options={counted(statusNames, counts?.status)}
      />
      <Choice
        label="Raised"
        value={filter.older_than}
        onChange={set('older_than')}
        empty="Any time"
        options={counted(
          { '30': 'Over 30 days ago', '60': 'Over 60 days ago', '90': 'Over 90 days ago' },
          counts?.older_than,
        )}
      />
      <SchoolSearch value={filter.q} onChange={set('q')} />
      <Choice
        label="Sort"
        value={filter.order ? `${filter.sort}:${filter.order}` : filter.sort}
        onChange={(value) => {
          const [sort = 'severity', order = ''] = value.split(':');
          onChange({ sort, order, page: '1' });
        }}
        options={sorts}
      />
    </fieldset>
  );
}
