// The Headway web app: sign in, then pages per capability, each asking the API for exactly what it shows.
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, NavLink, Route, Routes, useLocation } from 'react-router';
import { AdminPage } from './admin/AdminPage.tsx';
import { ApiError, send } from './api.ts';
import { DeploymentsPage } from './brokering/DeploymentList.tsx';
import { DeploymentPage } from './brokering/DeploymentPage.tsx';
import { ImpactPage } from './brokering/ImpactPage.tsx';
import { NeedsPage } from './brokering/NeedsPage.tsx';
import { ProposalPage } from './brokering/ProposalPage.tsx';
import { RolesPage } from './brokering/RolesPage.tsx';
import { ShortfallPage } from './brokering/ShortfallPage.tsx';
import { AreaPage } from './dashboards/AreaPage.tsx';
import { ExplorerPage } from './dashboards/ExplorerPage.tsx';
import { OverviewPage } from './dashboards/OverviewPage.tsx';
import { SchoolPage } from './dashboards/SchoolPage.tsx';
import { TrustPage } from './dashboards/TrustPage.tsx';
import { CategoriesPage } from './data/CategoriesPage.tsx';
import { DataPage } from './data/DataPage.tsx';
import { Dhis2Page } from './dhis2/Dhis2Page.tsx';
import { GivingPage } from './giving/GivingPage.tsx';
import { BoardPage } from './governance/BoardPage.tsx';
import { BoardsPage } from './governance/BoardsPage.tsx';
import { ChallengePage } from './meetings/ChallengePage.tsx';
import { ChallengesPage } from './meetings/ChallengesPage.tsx';
import { MeetingPage, MeetingsPage } from './meetings/MeetingsPage.tsx';
import { MyActionsPage } from './meetings/MyActionsPage.tsx';
import { RemindersBadge } from './meetings/RemindersBadge.tsx';
import { CasePage } from './norming/CasePage.tsx';
import { LogPage } from './norming/LogPage.tsx';
import { NormingPage } from './norming/NormingPage.tsx';
import { NormingReportPage } from './norming/NormingReportPage.tsx';
import { SessionPage } from './norming/SessionPage.tsx';
import { forgetKeptAnswers } from './offline/device.ts';
import { OutboxPage } from './offline/OutboxPage.tsx';
import { registerOfflineWorker } from './offline/register.ts';
import { SyncBadge } from './offline/SyncBadge.tsx';
import { SyncItemPage } from './offline/SyncItemPage.tsx';
import { CohortPage } from './programmes/CohortPage.tsx';
import { GrowingOwnPage } from './programmes/GrowingOwnPage.tsx';
import { PlacementsPage } from './programmes/PlacementsPage.tsx';
import { ProgrammesPage } from './programmes/ProgrammesPage.tsx';
import { ProjectionPage } from './projection/ProjectionPage.tsx';
import { CheckForm } from './reforms/CheckForm.tsx';
import { ReformPage } from './reforms/ReformPage.tsx';
import { ReformsPage } from './reforms/ReformsPage.tsx';
import { SchoolFidelityPage } from './reforms/SchoolFidelityPage.tsx';
import { can, forgetAllBut, SessionGate, useSession, useTerm } from './session.tsx';
import { FrameworkPage } from './skills/FrameworkPage.tsx';
import { HeatmapPage } from './skills/HeatmapPage.tsx';
import { LeaderPage } from './skills/LeaderPage.tsx';
import { LeadersPage } from './skills/LeadersPage.tsx';
import { SpecialistsPage } from './specialists/SpecialistsPage.tsx';
import { StageRulesPage } from './stages/StageRulesPage.tsx';
import { StagesPage } from './stages/StagesPage.tsx';
import { ActionPage } from './strategies/ActionPage.tsx';
import { CyclePage } from './strategies/CyclePage.tsx';
import { CyclesPage } from './strategies/CyclesPage.tsx';
import { MyPlanPage } from './strategies/MyPlanPage.tsx';
import { ReportPage } from './strategies/ReportPage.tsx';
import { StrategiesPage } from './strategies/StrategiesPage.tsx';
import { StrategyPage } from './strategies/StrategyPage.tsx';
import { StrengthsPage } from './strengths/StrengthsPage.tsx';
import { RedeploymentPlan } from './teachers/RedeploymentPlan.tsx';
import { RedeploymentPlans } from './teachers/RedeploymentPlans.tsx';
import { TeachersPage } from './teachers/TeachersPage.tsx';
import { VacanciesPage } from './vacancies/VacanciesPage.tsx';
import { VacancyPage } from './vacancies/VacancyPage.tsx';
import { RubricPage } from './visits/RubricPage.tsx';
import { RubricsPage } from './visits/RubricsPage.tsx';
import { EditVisitForm } from './visits/VisitEditForm.tsx';
import { VisitForm } from './visits/VisitForm.tsx';
import { VisitPage } from './visits/VisitPage.tsx';
import { VisitsPage } from './visits/VisitsPage.tsx';
import './styles.css';

// A refusal or "not found" is the answer, not a hiccup: only a failed connection or a server error is
// tried again, so a page says at once that a thing does not exist.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status < 500),
      // Offline, a query still asks: the worker answers the session and the visit form's data.
      networkMode: 'offlineFirst',
    },
  },
});

function Header() {
  const session = useSession();
  const term = useTerm();
  const client = useQueryClient();
  // A role held at a trust or federation: its page is the user's own, a step from every page.
  const groups = session.roles.filter(
    (r, i, all) => r.group && all.findIndex((o) => o.group && o.org_unit === r.org_unit) === i,
  );
  // On a phone the links fold behind a Menu button, so the header is one line; it folds again on
  // moving to another page.
  const { pathname } = useLocation();
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  return (
    <header className="top">
      <Link to="/" className="brand">
        Headway
      </Link>
      <button
        type="button"
        className="link menu"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpenAt(open ? null : pathname)}
      >
        Menu
      </button>
      <nav aria-label="Main" id="main-nav" className={open ? 'open' : undefined}>
        <NavLink to="/">Overview</NavLink>
        {groups.map((g) => (
          <NavLink key={g.org_unit} to={`/trusts/${encodeURIComponent(g.org_unit)}`}>
            {term(g.group ?? 'trust', true)} {g.org_unit}
          </NavLink>
        ))}
        <NavLink to="/explorer">Explorer</NavLink>
        <NavLink to="/meetings">Meetings</NavLink>
        <NavLink to="/challenges">Challenges</NavLink>
        <NavLink to="/brokering">Support</NavLink>
        <NavLink to="/giving">Give and receive</NavLink>
        <NavLink to="/strengths">Strengths</NavLink>
        <NavLink to="/strategies">Strategies</NavLink>
        <NavLink to="/visits">Visits</NavLink>
        {(session.person || (session.whole_authority && can(session, 'visits:write'))) && (
          <NavLink to="/norming">Norming</NavLink>
        )}
        <NavLink to="/programmes">Programmes</NavLink>
        <NavLink to="/vacancies">Vacancies</NavLink>
        <NavLink to="/teachers">Teachers</NavLink>
        <NavLink to="/stages">Stages</NavLink>
        <NavLink to="/skills">Skills</NavLink>
        <NavLink to="/reforms">Reforms</NavLink>
        {can(session, 'governance:read') && <NavLink to="/governance">Governors</NavLink>}
        {session.roles.some((r) => r.role === 'system_leader') && (
          <NavLink to="/my-schools">My schools</NavLink>
        )}
        {session.person && <NavLink to="/my-actions">My actions</NavLink>}
        {((session.whole_authority && (can(session, 'kpi:write') || can(session, 'registry:write'))) ||
          session.roles.some((r) => r.role === 'headteacher' && !r.group)) && (
          <NavLink to="/data">Data</NavLink>
        )}
        {can(session, 'users:admin') && <NavLink to="/admin">Admin</NavLink>}
        <a href="/api/docs">API</a>
        <span className="who">{session.user.name}</span>
      </nav>
      {/* Outside the menu: on a phone the overdue count stays in sight. */}
      <RemindersBadge />
      <SyncBadge />
      <button
        type="button"
        className="link"
        onClick={async () => {
          await send('POST', '/api/v1/auth/sign-out').catch(() => undefined);
          await forgetKeptAnswers().catch(() => undefined);
          forgetAllBut(client, null);
        }}
      >
        Sign out
      </button>
    </header>
  );
}

function App() {
  return (
    <SessionGate>
      <a href="#content" className="skip">
        Skip to the content
      </a>
      <Header />
      <main id="content">
        <Routes>
          <Route path="/" element={<OverviewPage />} />
          <Route path="/areas/:code" element={<AreaPage />} />
          <Route path="/trusts/:code" element={<TrustPage />} />
          <Route path="/schools/:code" element={<SchoolPage />} />
          <Route path="/explorer" element={<ExplorerPage />} />
          <Route path="/meetings" element={<MeetingsPage />} />
          <Route path="/meetings/:id" element={<MeetingPage />} />
          <Route path="/challenges" element={<ChallengesPage />} />
          <Route path="/challenges/:id" element={<ChallengePage />} />
          <Route path="/my-actions" element={<MyActionsPage />} />
          <Route path="/brokering" element={<NeedsPage />} />
          <Route path="/brokering/proposals/:id" element={<ProposalPage />} />
          <Route path="/brokering/impact" element={<ImpactPage />} />
          <Route path="/brokering/shortfall" element={<ShortfallPage />} />
          <Route path="/brokering/roles" element={<RolesPage />} />
          <Route path="/specialists" element={<SpecialistsPage />} />
          <Route path="/strengths" element={<StrengthsPage />} />
          <Route path="/deployments" element={<DeploymentsPage />} />
          <Route path="/deployments/:id" element={<DeploymentPage />} />
          <Route path="/my-schools" element={<DeploymentsPage mine />} />
          <Route path="/strategies" element={<StrategiesPage />} />
          <Route path="/strategies/actions/:id" element={<ActionPage />} />
          <Route path="/strategies/:code" element={<StrategyPage />} />
          <Route path="/strategies/:code/cycle" element={<CyclesPage />} />
          <Route path="/strategies/:code/cycle/:term" element={<CyclePage />} />
          <Route path="/strategies/:code/report" element={<ReportPage />} />
          <Route path="/visits" element={<VisitsPage />} />
          <Route path="/rubrics" element={<RubricsPage />} />
          <Route path="/rubrics/:code" element={<RubricPage />} />
          <Route path="/visits/new" element={<VisitForm />} />
          <Route path="/visits/:id" element={<VisitPage />} />
          <Route path="/norming" element={<NormingPage />} />
          <Route path="/norming/log/:person" element={<LogPage />} />
          <Route path="/norming/:id" element={<SessionPage />} />
          <Route path="/norming/:id/cases/:caseId" element={<CasePage />} />
          <Route path="/norming/:id/report" element={<NormingReportPage />} />
          <Route path="/giving" element={<GivingPage />} />
          <Route path="/vacancies" element={<VacanciesPage />} />
          <Route path="/vacancies/:id" element={<VacancyPage />} />
          <Route path="/governance" element={<BoardsPage />} />
          <Route path="/governance/:code" element={<BoardPage />} />
          <Route path="/projection" element={<ProjectionPage />} />
          <Route path="/teachers/plans" element={<RedeploymentPlans />} />
          <Route path="/teachers/plans/:id" element={<RedeploymentPlan />} />
          <Route path="/teachers" element={<TeachersPage />} />
          <Route path="/stages/rules" element={<StageRulesPage />} />
          <Route path="/stages" element={<StagesPage />} />
          <Route path="/programmes" element={<ProgrammesPage />} />
          <Route path="/programmes/cohorts/:id" element={<CohortPage />} />
          <Route path="/programmes/placements" element={<PlacementsPage />} />
          <Route path="/programmes/growing-own" element={<GrowingOwnPage />} />
          <Route path="/skills" element={<HeatmapPage />} />
          <Route path="/skills/leaders" element={<LeadersPage />} />
          <Route path="/skills/leaders/:person" element={<LeaderPage />} />
          <Route path="/skills/framework" element={<FrameworkPage />} />
          <Route path="/reforms" element={<ReformsPage />} />
          <Route path="/reforms/:code" element={<ReformPage />} />
          <Route path="/reforms/:code/check" element={<CheckForm />} />
          <Route path="/reforms/:code/schools/:school" element={<SchoolFidelityPage />} />
          <Route path="/visits/:id/edit" element={<EditVisitForm />} />
          <Route path="/visits/sync" element={<OutboxPage />} />
          <Route path="/visits/sync/:key" element={<SyncItemPage />} />
          <Route path="/my-plan" element={<MyPlanPage />} />
          <Route path="/data" element={<DataPage />} />
          <Route path="/data/dhis2" element={<Dhis2Page />} />
          <Route path="/data/categories" element={<CategoriesPage />} />
          <Route path="/admin/*" element={<AdminPage />} />
          <Route
            path="*"
            element={
              <p>
                There is no such page. <Link to="/">Back to the overview</Link>
              </p>
            }
          />
        </Routes>
      </main>
    </SessionGate>
  );
}

registerOfflineWorker();
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* Without transitions: a filter kept in the address updates its checkbox or text box in the
          same event, as a controlled input needs (in a transition the box would snap back a moment). */}
      <BrowserRouter useTransitions={false}>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
