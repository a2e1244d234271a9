// Arranging a vacancy's cover: an interim, acting or executive head brokered to the school (picked by
// leader and dates from the school's headship-cover deployments, not by a code), or an acting head from
// the school itself, picked by name from the school's staff in post.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { listDeploymentsRoute } from '../../../src/brokering/deployment-contract.ts';
import type { Answer, Body } from '../../../src/contract.ts';
import type { getSchoolRoute } from '../../../src/registry/contract.ts';
import type { setCoverRoute, vacancyRoute } from '../../../src/vacancies/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { type Named, NamePicker } from '../NamePicker.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';

type Vacancy = Answer<typeof vacancyRoute>;

// The deployment role the register accepts as cover (src/vacancies/vacancies.ts checks it again).
const coverRole = 'headship_cover';

function DeploymentCover({ vacancy }: { vacancy: Vacancy }) {
  const { error, run } = useAction();
  const [deployment, setDeployment] = useState('');
  const deployments = useQuery({
    queryKey: ['deployments', vacancy.school.code, 'active'],
    queryFn: () =>
      getJson<Answer<typeof listDeploymentsRoute>>(
        `/api/v1/brokering/deployments?school=${encodeURIComponent(vacancy.school.code)}&status=active`,
      ),
  });
  if (deployments.isError) return <Problem error={deployments.error} />;
  if (!deployments.data) return <p aria-busy="true">Loading the school’s deployments…</p>;
  const cover = deployments.data.deployments.filter((d) => d.role === coverRole);
  if (cover.length === 0)
    return (
      <p data-testid="no-cover-deployments">
        No interim, acting or executive head is deployed to {vacancy.school.name} yet: broker one as{' '}
        <Link to="/brokering">headship cover</Link>, then link the deployment here.
      </p>
    );
  return (
    <form
      className="stack"
      aria-labelledby="deployment-cover-form"
      onSubmit={(e) => {
        e.preventDefault();
        run(() =>
          send('PUT', `/api/v1/vacancies/${vacancy.id}/cover`, {
            cover_deployment: Number(deployment),
          } satisfies Body<typeof setCoverRoute>),
        );
      }}
    >
      <h3 id="deployment-cover-form">Cover by a brokered deployment</h3>
      <Choice
        label="Interim, acting or executive head deployed here"
        value={deployment}
        onChange={setDeployment}
        required
        empty="Choose a deployment"
        options={cover.map((d) => ({
          value: String(d.id),
          label: `${d.leader_name}, ${d.starts_on} to ${d.ends_on} (${d.days_logged} of ${d.days_agreed} days)`,
        }))}
      />
      {error && <Problem error={error} />}
      <button type="submit">Arrange this cover</button>
    </form>
  );
}

/** The school's staff in post today, deputies and assistants first: who may act as head. */
function staffOf(school: Answer<typeof getSchoolRoute> | undefined): Named[] {
  const rank = (role: string) => ['deputy_headteacher', 'assistant_headteacher'].indexOf(role) >>> 0;
  const seen = new Set<string>();
  return [...(school?.posts ?? [])]
    .filter((p) => p.role !== 'headteacher')
    .sort((a, b) => rank(a.role) - rank(b.role) || a.family_name.localeCompare(b.family_name))
    .flatMap((p) => {
      if (seen.has(p.person_code)) return [];
      seen.add(p.person_code);
      return [
        { code: p.person_code, name: `${p.given_name} ${p.family_name}, ${p.role.replace(/_/g, ' ')}` },
      ];
    });
}

function ActingHeadCover({ vacancy }: { vacancy: Vacancy }) {
  const { error, run } = useAction();
  const [person, setPerson] = useState('');
  const school = useQuery({
    queryKey: ['school', vacancy.school.code],
    queryFn: () =>
      getJson<Answer<typeof getSchoolRoute>>(`/api/v1/schools/${encodeURIComponent(vacancy.school.code)}`),
  });
  return (
    <form
      className="stack"
      aria-labelledby="acting-cover-form"
      onSubmit={(e) => {
        e.preventDefault();
        run(() =>
          send('PUT', `/api/v1/vacancies/${vacancy.id}/cover`, {
            cover_person: person,
          } satisfies Body<typeof setCoverRoute>),
        );
      }}
    >
      <h3 id="acting-cover-form">Or name an acting head from the school</h3>
      <NamePicker
        label="Acting head"
        rows={staffOf(school.data)}
        value={person}
        onPick={setPerson}
        required
        hint="Type part of a name and pick from the school's staff in post (deputies first)."
      />
      {school.isError && <Problem error={school.error} />}
      {error && <Problem error={error} />}
      <button type="submit" disabled={!person}>
        Arrange the acting headship
      </button>
    </form>
  );
}

export function CoverForms({ vacancy }: { vacancy: Vacancy }) {
  return (
    <>
      <DeploymentCover vacancy={vacancy} />
      <ActingHeadCover vacancy={vacancy} />
    </>
  );
}

/** Ends the cover arranged (the interim left, or the cover was recorded in error). */
export function ClearCover({ vacancy }: { vacancy: Vacancy }) {
  const { error, run } = useAction();
  return (
    <>
      <button
        type="button"
        className="link"
        onClick={() =>
          run(() =>
            send('PUT', `/api/v1/vacancies/${vacancy.id}/cover`, {
              cover_deployment: null,
              cover_person: null,
            } satisfies Body<typeof setCoverRoute>),
          )
        }
      >
        Clear the cover
      </button>
      {error && <Problem error={error} />}
    </>
  );
}
