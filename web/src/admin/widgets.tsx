// Small pieces the accounts and audit pages share: a text filter that waits for the typing to pause,
// a password box, a secret shown once, and a time in the log's UTC.
import { useEffect, useRef, useState } from 'react';

/** A labelled text box whose value reaches `onChange` 300 ms after the typing stops (one request, not one a key). */
export function TextFilter({
  label,
  value,
  onChange,
  type = 'search',
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'search' | 'text';
  placeholder?: string;
}) {
  const [draft, setDraft] = useState(value);
  const latest = useRef(onChange);
  latest.current = onChange;
  // Back, a reset or a shared link changes the value from outside: the box follows it.
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => latest.current(draft), 300);
    return () => clearTimeout(timer);
  }, [draft, value]);
  return (
    <label>
      {label}{' '}
      <input type={type} value={draft} placeholder={placeholder} onChange={(e) => setDraft(e.target.value)} />
    </label>
  );
}

/** A password an admin types for an account, held to the server's rule (at least 12 characters). */
export function NewPassword({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {label} (at least 12 characters){' '}
      <input
        type="password"
        value={value}
        minLength={12}
        required
        autoComplete="new-password"
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** A password or token the server will never show again. */
export function OneTimeSecret({
  label,
  value,
  onDone,
}: {
  label: string;
  value: string;
  onDone: () => void;
}) {
  return (
    <div className="secret" role="status">
      <p>
        <strong>{label}</strong> (shown once: copy it now and pass it on safely)
      </p>
      <p>
        <code data-testid="secret">{value}</code>{' '}
        <button type="button" onClick={() => navigator.clipboard?.writeText(value)}>
          Copy
        </button>{' '}
        <button type="button" onClick={onDone}>
          Done
        </button>
      </p>
    </div>
  );
}

/** An instant as the log keeps it, in UTC to the minute: "2026-11-27 09:14". */
export const utcMinute = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '–');
