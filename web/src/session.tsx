// The signed-in user, their roles and the authority's own words, for every page; the sign-in form
// when there is no session (or it has ended).
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { Session, sessionRoute, signInRoute } from '../../src/auth/contract.ts';
import type { Answer, Body } from '../../src/contract.ts';
import { ApiError, getJson, send, setCsrfToken, whenSignedOut } from './api.ts';
import { Problem } from './Problem.tsx';

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** The authority's word for a thing ("LGEA" for area), with a capital when it starts a sentence. */
export function useTerm() {
  const { terms } = useSession();
  return (key: string, capital = false) => {
    const word = terms[key] ?? key.replace(/_/g, ' ');
    return capital ? word.charAt(0).toUpperCase() + word.slice(1) : word;
  };
}

export function can(session: Session, permission: string) {
  return session.permissions.includes(permission);
}

/** A new (or no) session: figures fetched for the previous user must not be shown to the next. */
export function forgetAllBut(queryClient: QueryClient, session: Session | null) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  queryClient.setQueryData(['session'], session);
}

export function SessionGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: ['session'],
    queryFn: () => getJson<Answer<typeof sessionRoute>>('/api/v1/auth/session'),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    whenSignedOut(() => {
      queryClient.setQueryData(['session'], null);
    });
  }, [queryClient]);
  if (session.isPending) return <p aria-busy="true">Loading…</p>;
  if (session.isError && !(session.error instanceof ApiError && session.error.status === 401))
    return <Problem error={session.error} />;
  if (!session.data) {
    return (
      <SignIn
        onSignedIn={(s) => {
          forgetAllBut(queryClient, s);
        }}
      />
    );
  }
  setCsrfToken(session.data.csrf_token);
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}

function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main id="content" className="sign-in">
      <h1>Sign in to Headway</h1>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          try {
            onSignedIn(
              await send<Answer<typeof signInRoute>>('POST', '/api/v1/auth/sign-in', {
                email,
                password,
              } satisfies Body<typeof signInRoute>),
            );
          } catch (e) {
            setError(e as Error);
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>
          <label htmlFor="email">Email</label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </p>
        <p>
          <label htmlFor="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </p>
        {error && <Problem error={error} />}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
