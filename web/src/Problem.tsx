// Shows what went wrong when the API could not answer, in words a person can act on.
export function Problem({ error }: { error: Error }) {
  return (
    <p role="alert" className="problem">
      {error.message}
    </p>
  );
}
