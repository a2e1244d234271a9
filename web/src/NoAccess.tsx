// A page the signed-in role may never use: say so plainly, rather than show a form whose save would be
// refused. (An item outside the caller's scope is "not found" instead, as the API answers.)
import { Link } from 'react-router';
import { useSession, useTerm } from './session.tsx';

export function NoAccess({ title, needs }: { title: string; needs: string }) {
  const session = useSession();
  const term = useTerm();
  const roles = [...new Set(session.roles.map((r) => term(r.role)))].sort();
  const yours =
    roles.length === 0
      ? 'Your account has no role'
      : roles.length === 1
        ? `Your role (${roles[0]}) does not let you`
        : `Your roles (${roles.join(', ')}) do not let you`;
  return (
    <section data-testid="no-access">
      <h1>{title}</h1>
      <p className="problem">
        You do not have access to this page. {yours}
        {roles.length === 0 ? ` that lets you ${needs}` : ` ${needs}`}.
      </p>
      <p>
        If you need it, ask an administrator. <Link to="/">Back to the overview</Link>
      </p>
    </section>
  );
}
