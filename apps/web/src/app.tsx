import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { BrowserRouter, Route, Routes, useNavigate } from 'react-router';
import { makeQueryClient } from './api/query-client';
import { onSessionEnd } from './api/session';
import { RequireAuth } from './auth/require-auth';
import { AppLayout } from './layout/app-layout';
import { useMe } from './auth/auth-hooks';
import { routesFor } from './lib/roles';
import { ApprovalsPage } from './pages/approvals/approvals-page';
import { CampaignsPage } from './pages/campaigns/campaigns-page';
import { Forbidden, NotFound } from './pages/not-found';
import { AuditPage } from './pages/audit/audit-page';
import { CasesPage } from './pages/enforcement/cases-page';
import { CutoffRunsPage } from './pages/enforcement/cutoff-runs-page';
import { InspectionListsPage } from './pages/enforcement/inspection-lists-page';
import { FieldPage } from './pages/field/field-page';
import { HomePage } from './pages/home/home-page';
import { InspectorPage } from './pages/inspector/inspector-page';
import { ChangePasswordPage } from './pages/login/change-password-page';
import { LoginPage } from './pages/login/login-page';
import { InboxPage } from './pages/notices/inbox-page';
import { RoundsPage } from './pages/notices/rounds-page';
import { OrgPage } from './pages/org/org-page';
import { ChecklistPrint } from './pages/print/checklist-print';
import { RectificationOrderPrint } from './pages/print/rectification-order-print';
import { UsersPage } from './pages/org/users-page';
import { BulletinsPage } from './pages/progress/bulletins-page';
import { ProgressOverview } from './pages/progress/progress-overview';
import { RankingPage } from './pages/progress/ranking-page';
import { SettlementsPage } from './pages/progress/settlements-page';
import { ImportsPage } from './pages/registry-imports/imports-page';
import { RosterPage } from './pages/registry-imports/roster-page';
import { RegistryPage } from './pages/registry/registry-page';
import { AssignPage } from './pages/unit/assign-page';
import { InvestigationPage } from './pages/unit/investigation-page';
import { HardshipRatesPage } from './pages/hardship/hardship-rates-page';
import { LandPage } from './pages/land/land-page';
import { ReportPage } from './pages/unit/report-page';
import { TasksPage } from './pages/unit/tasks-page';

/** A session that ended under the user's feet (expired, revoked): forget its data, show the login page saying why, come back after. */
function SessionWatcher() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  useEffect(
    () =>
      onSessionEnd((reason) => {
        qc.clear();
        const from = location.pathname + location.search;
        navigate(`/login${from === '/' || from.startsWith('/login') ? '' : `?from=${encodeURIComponent(from)}`}`, { replace: true, state: { reason } });
      }),
    [navigate, qc],
  );
  return null;
}

const built: Record<string, React.ReactNode> = {
  '/': <HomePage />,
  '/field': <FieldPage />,
  '/campaigns': <CampaignsPage />,
  '/inspector': <InspectorPage />,
  '/progress': <ProgressOverview />,
  '/progress/ranking': <RankingPage />,
  '/approvals': <ApprovalsPage />,
  '/progress/bulletins': <BulletinsPage />,
  '/progress/settlements': <SettlementsPage />,
  '/enforcement': <CasesPage />,
  '/enforcement/cutoff-runs': <CutoffRunsPage />,
  '/enforcement/lists': <InspectionListsPage />,
  '/notices/rounds': <RoundsPage />,
  '/org': <OrgPage />,
  '/org/users': <UsersPage />,
  '/registry/imports': <ImportsPage />,
  '/registry/roster': <RosterPage />,
  '/audit': <AuditPage />,
  '/tasks': <TasksPage />,
  '/progress/report': <ReportPage />,
  '/registry/assign': <AssignPage />,
  '/registry/investigation': <InvestigationPage />,
  '/hardship': <HardshipRatesPage />,
  '/land': <LandPage />,
  '/registry': <RegistryPage />,
  '/notices': <InboxPage />,
};

/** The screens behind the login, as the caller's roles open them (routesFor): another role's screen answers 无权访问. */
function ConsoleRoutes() {
  const roles = useMe().data?.roles ?? [];
  return (
    <Routes>
      <Route element={<AppLayout />}>
        {routesFor(roles).map(({ entry: m, open }) => {
          const element = open ? (built[m.path] ?? <NotFound />) : <Forbidden title={m.label} />;
          return m.path === '/' ? <Route key="/" index element={element} /> : <Route key={m.path} path={`${m.path.slice(1)}/*`} element={element} />;
        })}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionWatcher />
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/change-password" element={<ChangePasswordPage />} />
              <Route element={<RequireAuth />}>
                {/* printed documents: an A4 sheet without the menu and header */}
                <Route path="/print/rectification-order/:id" element={<RectificationOrderPrint />} />
                <Route path="/print/checklist" element={<ChecklistPrint />} />
                <Route path="*" element={<ConsoleRoutes />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
