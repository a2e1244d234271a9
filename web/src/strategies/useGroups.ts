// The groups an action may serve, fetched once for the strategy and action pages.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../src/contract.ts';
import type { listGroupsRoute } from '../../../src/strategies/contract.ts';
import { getJson } from '../api.ts';

export function useGroups() {
  const groups = useQuery({
    queryKey: ['strategy-groups'],
    queryFn: () => getJson<Answer<typeof listGroupsRoute>>('/api/v1/strategies/groups'),
  });
  return groups.data?.groups ?? [];
}
