import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Layout } from './components/Layout';
import { Inbox } from './pages/Inbox';
import { Kpis } from './pages/Kpis';
import { NewOrder } from './pages/NewOrder';
import { OrderPage } from './pages/OrderPage';
import { Orders } from './pages/Orders';
import { SignIn } from './pages/SignIn';
import { TaskPage } from './pages/TaskPage';
import { SessionProvider, useSession } from './session';

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

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
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
      </BrowserRouter>
    </SessionProvider>
  );
}
