import { NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';
import { offers } from '../lib/features';
import { useSession } from '../session';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className="language" lang={next} aria-label={t('app.switchToLabel')} onClick={() => setLanguage(next)}>
      {t('app.switchTo')}
    </button>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { claims, features, signOut, timeZone } = useSession();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const receivesOrders = claims?.departments.some((d) => d === 'sales' || d === 'sales_admin');
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('app.nav.main')}>
          <NavLink to="/app/inbox">{t('app.nav.inbox')}</NavLink>
          <NavLink to="/app/orders" end>
            {t('app.nav.orders')}
          </NavLink>
          {receivesOrders && <NavLink to="/app/orders/new">{t('app.nav.newOrder')}</NavLink>}
          {offers(features, 'get', '/kpis') && <NavLink to="/app/kpis">{t('app.nav.kpis')}</NavLink>}
        </nav>
        <div className="who">
          <LanguageSwitch />
          {claims && <span className="user">{t('app.signedInAs', { name: claims.name })}</span>}
          <button type="button" onClick={signOut}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {flash && (
          <p className="banner banner-ok" role="status">
            {flash}
          </p>
        )}
        <Outlet />
      </main>
      <footer className="footer">{t('app.timeZoneNote', { timeZone })}</footer>
    </>
  );
}
