import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { FullPageLoader } from './layout/full-page-loader';
import { NotFoundRoute } from './routes/not-found';

// Pages load on demand, so the first paint (login) does not wait for the composer's text rules.
const router = createBrowserRouter([
  {
    HydrateFallback: FullPageLoader,
    children: [
      { path: '/login', lazy: async () => ({ Component: (await import('./routes/login')).LoginRoute }) },
      { path: '/reset-password', lazy: async () => ({ Component: (await import('./routes/reset-password')).ResetPasswordRoute }) },
      // Outside the app's frame: the page prints alone.
      { path: '/activity/report', lazy: async () => ({ Component: (await import('./routes/activity-report')).ActivityReportRoute }) },
      {
        path: '/',
        Component: AppLayout,
        children: [
          { index: true, element: <Navigate to="/posts" replace /> },
          { path: 'posts', lazy: async () => ({ Component: (await import('./routes/posts')).PostsRoute }) },
          { path: 'calendar', lazy: async () => ({ Component: (await import('./routes/calendar')).CalendarRoute }) },
          { path: 'queue', lazy: async () => ({ Component: (await import('./routes/queue')).QueueRoute }) },
          { path: 'import', lazy: async () => ({ Component: (await import('./routes/import')).ImportRoute }) },
          { path: 'accounts', lazy: async () => ({ Component: (await import('./routes/accounts')).AccountsRoute }) },
          {
            path: 'admin',
            lazy: async () => ({ Component: (await import('./routes/admin')).AdminRoute }),
            children: [
              { index: true, element: <Navigate to="opds" replace /> },
              { path: 'opds', lazy: async () => ({ Component: (await import('./routes/admin-opds')).AdminOpdsRoute }) },
              { path: 'users', lazy: async () => ({ Component: (await import('./routes/admin-users')).AdminUsersRoute }) },
            ],
          },
          { path: 'approvals', lazy: async () => ({ Component: (await import('./routes/approvals')).ApprovalsRoute }) },
          { path: 'activity', lazy: async () => ({ Component: (await import('./routes/activity')).ActivityRoute }) },
          { path: 'audit', lazy: async () => ({ Component: (await import('./routes/audit')).AuditRoute }) },
          { path: 'account/password', lazy: async () => ({ Component: (await import('./routes/change-password')).ChangePasswordRoute }) },
          { path: '*', Component: NotFoundRoute },
        ],
      },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
