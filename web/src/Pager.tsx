// Previous and next through a long list, saying which rows are on screen ("51–100 of 798"). Each move
// is a new history entry, so Back returns to the page before.
export function Pager({
  page,
  pageSize,
  total,
  noun,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** What the rows are, one and many: ['need', 'needs']. */
  noun: [string, string];
  onPage: (page: number) => void;
}) {
  const [one, many] = noun;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={`Pages of ${many}`}>
      {pages > 1 && (
        <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </button>
      )}
      <span data-testid="showing" aria-live="polite">
        {total === 0
          ? `No ${many}`
          : `Showing ${first.toLocaleString('en-GB')}–${last.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} ${total === 1 ? one : many}`}
        {pages > 1 && ` (page ${page} of ${pages})`}
      </span>
      {pages > 1 && (
        <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          Next
        </button>
      )}
    </nav>
  );
}
