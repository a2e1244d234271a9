// DHIS2: the pull from the ministry's DHIS2 server (as configured, pull now, the last runs with what each
// month did) and the mapping of Headway's codes to DHIS2's UIDs (imported from a file or edited one at a
// time). For whole-authority roles that may change KPIs; the server checks again.
import { Link } from 'react-router';
import { NoAccess } from '../NoAccess.tsx';
import { can, useSession } from '../session.tsx';
import { ImportMapping } from './ImportMapping.tsx';
import { MappingTable } from './MappingTable.tsx';
import { PullPanel } from './PullPanel.tsx';

export function Dhis2Page() {
  const session = useSession();
  if (!(session.whole_authority && can(session, 'kpi:write')))
    return (
      <NoAccess
        title="DHIS2"
        needs="manage the DHIS2 mapping and pull (whole-authority roles that may change KPIs)"
      />
    );
  return (
    <>
      <p>
        <Link to="/data">Data</Link>
      </p>
      <h1>DHIS2</h1>
      <p>
        Headway reads and writes DHIS2&rsquo;s <code>dataValueSets</code>: pushed to{' '}
        <code>POST /api/v1/dhis2/dataValueSets</code> (JSON or CSV), pulled from the DHIS2 server below, and
        exported for a ministry that keeps DHIS2 as its system of record. The mapping says which DHIS2 UID is
        which Headway school, area, data element and category option combo.
      </p>
      <PullPanel />
      <section aria-labelledby="mapping-heading">
        <h2 id="mapping-heading">Mapping</h2>
        <ImportMapping />
        <MappingTable />
      </section>
    </>
  );
}
