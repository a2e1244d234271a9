// The catalogue's indicator names by code, fetched once for every page that names an indicator it
// has only the code of (a need's "value_added_ks2" is "Contextual value added, KS2, scaled score").
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../src/contract.ts';
import type { listIndicatorsRoute } from '../../src/kpi/contract.ts';
import { getJson, words } from './api.ts';

export function useIndicatorNames(): (code: string) => string {
  const catalogue = useQuery({
    queryKey: ['indicators'],
    queryFn: () => getJson<Answer<typeof listIndicatorsRoute>>('/api/v1/indicators'),
  });
  const names = new Map(catalogue.data?.indicators.map((i) => [i.code, i.name]) ?? []);
  return (code) => names.get(code) ?? words(code);
}
