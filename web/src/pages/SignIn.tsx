import { useEffect, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/Layout';
import { useLabel } from '../components/Labels';
import { callApi, problemOf } from '../lib/api';
import { claimsOf } from '../lib/session';
import { useSession } from '../session';

interface DevIdentity {
  sub: string;
  name: string;
  departments: string[];
  roles: string[];
  token: string;
}

function DevPicker({ onPick }: { onPick(token: string): void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [cast, setCast] = useState<DevIdentity[]>([]);
  useEffect(() => {
    // Answers only on a development service; elsewhere the picker stays hidden.
    callApi<{ items: DevIdentity[] }>(undefined, 'GET', '/dev/tokens')
      .then((r) => setCast(r.items))
      .catch(() => setCast([]));
  }, []);
  if (cast.length === 0) return null;
  return (
    <section className="card" aria-labelledby="dev-title">
      <h2 id="dev-title">{t('signIn.devTitle')}</h2>
      <p className="hint">{t('signIn.devHint')}</p>
      <ul className="cast">
        {cast.map((p) => (
          <li key={p.sub}>
            <button type="button" className="identity" data-sub={p.sub} onClick={() => onPick(p.token)}>
              <strong>{p.name}</strong>
              <span>
                {p.roles.map((r) => label('role', r)).join(' · ')} —{' '}
                {p.departments.length ? p.departments.map((d) => label('department', d)).join('、') : t('signIn.noDepartments')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string>();
  const from = (location.state as { from?: string } | null)?.from ?? '/app/inbox';

  async function tryToken(token: string) {
    if (!claimsOf(token)) return setError(t('signIn.malformedToken'));
    try {
      await callApi(token.trim(), 'GET', '/tasks?limit=1');
    } catch (err) {
      return setError(t('signIn.invalidToken', { message: problemOf(err).message }));
    }
    signIn(token);
    void navigate(from, { replace: true });
  }

  useEffect(() => {
    // An identity provider that redirects back hands the token over in the fragment.
    const fromProvider = new URLSearchParams(window.location.hash.slice(1)).get('access_token');
    if (fromProvider) void tryToken(fromProvider);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void tryToken(pasted);
  };

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-head">
        <h1>{t('app.title')}</h1>
        <LanguageSwitch />
      </div>
      <DevPicker onPick={(token) => void tryToken(token)} />
      <section className="card" aria-labelledby="paste-title">
        <h2 id="paste-title">{t('signIn.title')}</h2>
        <p className="hint">{t('signIn.intro')}</p>
        <form onSubmit={submit}>
          <label htmlFor="token">{t('signIn.pasteLabel')}</label>
          <textarea id="token" rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} spellCheck={false} />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={!pasted.trim()}>
            {t('signIn.pasteButton')}
          </button>
        </form>
      </section>
    </main>
  );
}
