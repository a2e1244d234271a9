// The period a page shows, kept in the address (?period=2026-10) so a link shares exactly this view.
import { useSearchParams } from 'react-router';

export function usePeriod(): [string | null, (period: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const period = params.get('period');
  return [
    period,
    (next) => {
      const copy = new URLSearchParams(params);
      if (next) copy.set('period', next);
      else copy.delete('period');
      setParams(copy);
    },
  ];
}

export const periodQuery = (period: string | null) => (period ? `?period=${encodeURIComponent(period)}` : '');

export function MonthPicker({
  shown,
  onChange,
}: {
  shown: string;
  onChange: (month: string | null) => void;
}) {
  return (
    <p className="controls">
      <label htmlFor="month">Month</label>{' '}
      <input
        id="month"
        type="month"
        value={/^\d{4}-\d{2}$/.test(shown) ? shown : ''}
        onChange={(e) => onChange(e.target.value || null)}
      />
    </p>
  );
}
