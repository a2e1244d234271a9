// The specialisms catalogue, fetched once for the pages that filter by it or ask for one.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../src/contract.ts';
import type { listSpecialismsRoute } from '../../../src/specialists/contract.ts';
import { getJson } from '../api.ts';

export function useSpecialisms() {
  return useQuery({
    queryKey: ['specialisms'],
    queryFn: () => getJson<Answer<typeof listSpecialismsRoute>>('/api/v1/specialists/specialisms'),
  });
}
