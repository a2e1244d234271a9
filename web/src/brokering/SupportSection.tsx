// On a school's page: the support it receives and the support its head gives other schools.
import { useQuery } from '@tanstack/react-query';
import type { listDeploymentsRoute } from '../../../src/brokering/deployment-contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson, path } from '../api.ts';
import { DeploymentTable } from './DeploymentList.tsx';

export function SupportSection({ code }: { code: string }) {
  const received = useQuery({
    queryKey: ['deployments', 'school', code],
    queryFn: () =>
      getJson<Answer<typeof listDeploymentsRoute>>(`/api/v1/brokering/deployments?school=${path(code)}`),
  });
  const given = useQuery({
    queryKey: ['deployments', 'given', code],
    queryFn: () =>
      getJson<Answer<typeof listDeploymentsRoute>>(`/api/v1/brokering/deployments?given_by=${path(code)}`),
  });
  return (
    <section data-testid="support">
      <h2>Support received</h2>
      {received.data ? (
        <DeploymentTable deployments={received.data.deployments} label="Support received" />
      ) : (
        <p aria-busy="true">Loading…</p>
      )}
      <h2>Support given by its head</h2>
      {given.data ? (
        <DeploymentTable deployments={given.data.deployments} label="Support given" />
      ) : (
        <p aria-busy="true">Loading…</p>
      )}
    </section>
  );
}
