// Administration: accounts and their roles, the audit log, the authority's words for its structure and
// its staffing norms (the same panel as the Teachers page), each at its own address under /admin so a
// link or Back returns to it.
import { NavLink, Route, Routes } from 'react-router';
import { NoAccess } from '../NoAccess.tsx';
import { can, useSession } from '../session.tsx';
import { NormsPanel } from '../teachers/NormsPanel.tsx';
import { AccountsPage } from './AccountsPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { OutboxPage } from './OutboxPage.tsx';
import { Terminology } from './Terminology.tsx';

export function AdminPage() {
  const session = useSession();
  // Opened by its address without the role: a clear page, not forms whose save would be refused.
  if (!can(session, 'users:admin'))
    return (
      <NoAccess title="Administration" needs="manage accounts, the authority’s words or the audit log" />
    );
  return (
    <section>
      <h1>Administration</h1>
      <nav aria-label="Administration" className="subnav">
        <NavLink to="/admin" end>
          Accounts
        </NavLink>
        <NavLink to="/admin/audit">Audit log</NavLink>
        <NavLink to="/admin/words">Words for the structure</NavLink>
        <NavLink to="/admin/outbox">Outbox</NavLink>
        <NavLink to="/admin/norms">Staffing norms</NavLink>
      </nav>
      <Routes>
        <Route index element={<AccountsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="words" element={<Terminology />} />
        <Route path="outbox" element={<OutboxPage />} />
        <Route path="norms" element={<NormsPanel />} />
      </Routes>
    </section>
  );
}
