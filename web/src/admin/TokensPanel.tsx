// An account's API tokens: make one with a label and an expiry (shown once), see when each was last
// used, revoke one.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { createTokenRoute, listTokensRoute } from '../../../src/auth/contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAction } from '../useAction.ts';
import { OneTimeSecret, utcMinute } from './widgets.tsx';

/** A year from today, the expiry a new token is offered. */
function aYearOn(): string {
  const day = new Date();
  day.setUTCFullYear(day.getUTCFullYear() + 1);
  return day.toISOString().slice(0, 10);
}

export function TokensPanel({ email, disabled }: { email: string; disabled: boolean }) {
  const { error, run } = useAction();
  const [name, setName] = useState('');
  const [expires, setExpires] = useState(aYearOn);
  const [made, setMade] = useState<Answer<typeof createTokenRoute> | null>(null);
  const tokens = useQuery({
    queryKey: ['tokens', email],
    queryFn: () =>
      getJson<Answer<typeof listTokensRoute>>(`/api/v1/tokens?email=${encodeURIComponent(email)}`),
  });
  const now = new Date().toISOString();
  const status = (t: Answer<typeof listTokensRoute>['tokens'][number]) =>
    t.revoked_at
      ? `revoked ${utcMinute(t.revoked_at)}`
      : t.expires_at && t.expires_at <= now
        ? 'expired'
        : 'active';
  return (
    <>
      <h4>API tokens</h4>
      <p className="muted">
        A token acts with this account’s roles: send it as <code>Authorization: Bearer …</code>.
      </p>
      {made && (
        <OneTimeSecret label={`The token “${made.name}”`} value={made.token} onDone={() => setMade(null)} />
      )}
      {tokens.isError && <Problem error={tokens.error} />}
      {tokens.data && tokens.data.tokens.length === 0 && <p>No tokens.</p>}
      {tokens.data && tokens.data.tokens.length > 0 && (
        <Scroll label="API tokens">
          <table className="grid" data-testid="tokens">
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Starts</th>
                <th scope="col">Made (UTC)</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used (UTC)</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{utcMinute(t.created_at)}</td>
                  <td>{t.expires_at ? t.expires_at.slice(0, 10) : 'never'}</td>
                  <td>{utcMinute(t.last_used_at)}</td>
                  <td>{status(t)}</td>
                  <td>
                    {status(t) === 'active' && (
                      <button
                        type="button"
                        aria-label={`Revoke the token ${t.name}`}
                        onClick={() => run(() => send('DELETE', `/api/v1/tokens/${t.id}`))}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {disabled ? (
        <p>Enable the account to make it a token.</p>
      ) : (
        <form
          className="filters"
          aria-label="Make an API token"
          onSubmit={(e) => {
            e.preventDefault();
            run(async () => {
              const body = { email, name, ...(expires ? { expires_on: expires } : {}) };
              setMade(await send<Answer<typeof createTokenRoute>>('POST', '/api/v1/tokens', body));
              setName('');
            });
          }}
        >
          <label>
            What it is for{' '}
            <input value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Expires on (clear it for a token that works until revoked){' '}
            <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
          <button type="submit">Make a token</button>
        </form>
      )}
      {error && <Problem error={error} />}
    </>
  );
}
