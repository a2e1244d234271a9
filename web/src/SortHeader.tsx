// A sortable column's header: a button that sorts by it, the order said to screen readers (aria-sort)
// and shown by an arrow.
export function SortHeader({
  label,
  active,
  ascending,
  numeric = false,
  onSort,
}: {
  label: string;
  /** The table is sorted by this column. */
  active: boolean;
  ascending: boolean;
  numeric?: boolean;
  onSort: () => void;
}) {
  return (
    <th
      scope="col"
      className={numeric ? 'number' : undefined}
      aria-sort={active ? (ascending ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort" onClick={onSort}>
        {label}
        <span aria-hidden="true">{active ? (ascending ? ' ↑' : ' ↓') : ''}</span>
      </button>
    </th>
  );
}
