import { Route, Routes } from 'react-router';
import { AuthProvider } from './auth/auth-context.js';
import { RequireAuth } from './auth/require-auth.js';
import { ConsoleLayout } from './layout/console-layout.js';
import { CertificatesPage } from './pages/certificates/certificates-page.js';
import { DashboardPage } from './pages/dashboard/dashboard-page.js';
import { EnterprisesPage } from './pages/enterprises/enterprises-page.js';
import { ImportPage } from './pages/import/import-page.js';
import { AccountsPage } from './pages/accounts/accounts-page.js';
import { LoginPage } from './pages/login/login-page.js';
import { RegisterPage } from './pages/register/register-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { PersonsPage } from './pages/persons/persons-page.js';
import { PortalPage } from './pages/portal/portal-page.js';
import { RosterPage } from './pages/roster/roster-page.js';
import { ECertificatePage } from './pages/verify/e-certificate-page.js';
import { SignalsPage } from './pages/verify/signals-page.js';
import { VerifyPage } from './pages/verify/verify-page.js';
import { RunResultsPage } from './pages/screening/run-results-page.js';
import { ScreeningRunsPage } from './pages/screening/screening-runs-page.js';
import { InspectionCheckPage } from './pages/inspections/inspection-check-page.js';
import { InspectionsPage } from './pages/inspections/inspections-page.js';
import { NewInspectionPage } from './pages/inspections/new-inspection-page.js';
import { ReportPage } from './pages/tips/report-page.js';
import { TipsPage } from './pages/tips/tips-page.js';
import { TrackPage } from './pages/tips/track-page.js';
import { WebsitesPage } from './pages/websites/websites-page.js';
import { AuditPage } from './pages/audit/audit-page.js';
import { CluesPage } from './pages/clues/clues-page.js';
import { ClueDetailPage } from './pages/clues/clue-detail-page.js';
import { CasesPage } from './pages/cases/cases-page.js';
import { CaseDetailPage } from './pages/cases/case-detail-page.js';
import { DishonestyPage } from './pages/cases/dishonesty-page.js';

/** Paths match the server's SPA fallback: everything outside /api is this app. */
export function App() {
  return (
    <AuthProvider>
      <Routes>
        <Route index element={<PortalPage />} />
        <Route path="verify" element={<VerifyPage />} />
        <Route path="console/login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="report" element={<ReportPage />} />
        <Route path="report/track" element={<TrackPage />} />
        <Route path="console/field/inspections/new" element={<RequireAuth><NewInspectionPage /></RequireAuth>} />
        <Route path="console/field/inspections/:id" element={<RequireAuth><InspectionCheckPage /></RequireAuth>} />
        <Route
          path="console"
          element={
            <RequireAuth>
              <ConsoleLayout />
            </RequireAuth>
          }
        >
          <Route index element={<DashboardPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="certificates" element={<CertificatesPage />} />
          <Route path="enterprises" element={<EnterprisesPage />} />
          <Route path="persons" element={<PersonsPage />} />
          <Route path="roster" element={<RosterPage />} />
          <Route path="e-certificate" element={<ECertificatePage />} />
          <Route path="verification-signals" element={<SignalsPage />} />
          <Route path="screening" element={<ScreeningRunsPage />} />
          <Route path="screening/:runId" element={<RunResultsPage />} />
          <Route path="accounts" element={<AccountsPage tab="accounts" />} />
          <Route path="registrations" element={<AccountsPage tab="registrations" />} />
          <Route path="clues" element={<CluesPage />} />
          <Route path="clues/:id" element={<ClueDetailPage />} />
          <Route path="cases" element={<CasesPage />} />
          <Route path="cases/:id" element={<CaseDetailPage />} />
          <Route path="dishonesty" element={<DishonestyPage />} />
          <Route path="tips" element={<TipsPage />} />
          <Route path="inspections" element={<InspectionsPage />} />
          <Route path="websites" element={<WebsitesPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="*" element={<NotFoundPage home="/console" />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AuthProvider>
  );
}
