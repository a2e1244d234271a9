// The authority's areas, fetched once for every page that lists or filters by them.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../src/contract.ts';
import type { listOrgUnitsRoute } from '../../src/registry/contract.ts';
import { getJson } from './api.ts';

export function useAreas() {
  return useQuery({
    queryKey: ['areas'],
    queryFn: () => getJson<Answer<typeof listOrgUnitsRoute>>('/api/v1/org-units?level=area'),
  });
}

/** Each area's name by its code (empty while the list loads). */
export function useAreaNames(): Map<string, string> {
  return new Map((useAreas().data?.org_units ?? []).map((a) => [a.code, a.name]));
}
