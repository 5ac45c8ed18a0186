import { lazy, Suspense } from 'react';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Layout } from './components/Layout';
import { Inbox } from './pages/Inbox';
import { OrderPage } from './pages/OrderPage';
import { Orders } from './pages/Orders';
import { SignIn } from './pages/SignIn';
import { SessionProvider, useSession } from './session';

// The form renderer and the charts load with the pages that need them, not with the inbox.
const TaskPage = lazy(() => import('./pages/TaskPage').then((m) => ({ default: m.TaskPage })));
const NewOrder = lazy(() => import('./pages/NewOrder').then((m) => ({ default: m.NewOrder })));
const Kpis = lazy(() => import('./pages/Kpis').then((m) => ({ default: m.Kpis })));

// Page routes live under /app so that none collides with an API path (/tasks, /orders…).

function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('app.notFound')}</h1>
      <Link to="/app/inbox">{t('app.backToInbox')}</Link>
    </section>
  );
}

function SignedIn() {
  const { token, expired } = useSession();
  const location = useLocation();
  // After an expired sign-in the user comes back to where they were; after signing out, to their inbox.
  if (!token) return <Navigate to="/app/sign-in" replace state={expired ? { from: location.pathname + location.search } : undefined} />;
  return <Layout />;
}

function Loading() {
  const { t } = useTranslation();
  return <p>{t('app.loading')}</p>;
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Navigate to="/app/inbox" replace />} />
            <Route path="/app" element={<Navigate to="/app/inbox" replace />} />
            <Route path="/app/sign-in" element={<SignIn />} />
            <Route element={<SignedIn />}>
              <Route path="/app/inbox" element={<Inbox />} />
              <Route path="/app/tasks/:id" element={<TaskPage />} />
              <Route path="/app/orders" element={<Orders />} />
              <Route path="/app/orders/new" element={<NewOrder />} />
              <Route path="/app/orders/:orderNo" element={<OrderPage />} />
              <Route path="/app/kpis" element={<Kpis />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </Suspense>
      </BrowserRouter>
    </SessionProvider>
  );
}
