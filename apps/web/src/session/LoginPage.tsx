import type { SessionUser } from '@targetline/contract';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { serverErrorMessage } from '../api/error-message';
import { useLoginMutation } from '../api/hooks';
import { LanguageSwitcher } from '../app/LanguageSwitcher';

/** The seeded demo accounts (apps/api seeds them into an empty database). */
const DEMO_PASSWORD = 'targetline-demo';
const DEMO_ACCOUNTS: { username: string; role: SessionUser['role']; unit?: string }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'director', role: 'director' },
  { username: 'planner', role: 'planner' },
  { username: 'viewer', role: 'viewer' },
  ...['P-KTLT', 'P-KTHL', 'P-XDCTN', 'P-MTB', 'P-TK', 'TT-ATM', 'TT-MT', 'CTY-PTCN'].map(
    (unit) => ({ username: `lead-${unit.toLowerCase()}`, role: 'unit_lead' as const, unit }),
  ),
];

type LoginErrorKey =
  | 'login.errors.unauthorized'
  | 'login.errors.rateLimited'
  | 'login.errors.network'
  | 'login.errors.other';

/** The message for a failed log-in; the API says the same for an unknown user and a wrong password. */
export function loginErrorKey(error: unknown): LoginErrorKey {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'login.errors.unauthorized';
    if (error.status === 429) return 'login.errors.rateLimited';
    if (error.status === 0) return 'login.errors.network';
  }
  return 'login.errors.other';
}

export function LoginPage() {
  const { t } = useTranslation();
  const id = useId();
  const login = useLoginMutation();
  const usernameRef = useRef<HTMLInputElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [isMissing, setIsMissing] = useState(false);

  // Focused on arrival, as autofocus would, without the attribute's surprises on re-render.
  useEffect(() => usernameRef.current?.focus(), []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending) return;
    const name = username.trim();
    if (name === '' || password === '') {
      setIsMissing(true);
      return;
    }
    setIsMissing(false);
    login.mutate({ username: name, password });
  }

  const error = isMissing
    ? t('login.errors.missing')
    : login.isError
      ? t(loginErrorKey(login.error), { message: serverErrorMessage(login.error, t) })
      : undefined;

  return (
    <div className="login">
      <header className="login__header">
        <p className="app-header__brand">
          {t('app.name')} <span className="app-header__tagline">· {t('app.tagline')}</span>
        </p>
        <LanguageSwitcher />
      </header>
      <main className="login__main">
        <form
          className="login__card"
          onSubmit={handleSubmit}
          noValidate
          aria-labelledby={`${id}-title`}
        >
          <h1 id={`${id}-title`}>{t('login.title')}</h1>
          <p className="login__intro">{t('login.intro')}</p>
          <div className="field">
            <label htmlFor={`${id}-username`}>{t('login.username')}</label>
            <input
              ref={usernameRef}
              id={`${id}-username`}
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              aria-invalid={error !== undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('login.password')}</label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={error !== undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          </div>
          {error && (
            <p id={`${id}-error`} className="form-message form-message--error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" disabled={login.isPending}>
              {login.isPending ? t('login.submitting') : t('login.submit')}
            </button>
          </div>
          <details className="login__demo">
            <summary>{t('login.demo.title')}</summary>
            <p>{t('login.demo.password', { password: DEMO_PASSWORD })}</p>
            <ul>
              {DEMO_ACCOUNTS.map((account) => (
                <li key={account.username}>
                  <code>{account.username}</code> —{' '}
                  {account.unit
                    ? t('login.demo.unitLead', { unit: account.unit })
                    : t(`roles.${account.role}`)}
                </li>
              ))}
            </ul>
          </details>
        </form>
      </main>
    </div>
  );
}
