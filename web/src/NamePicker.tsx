// Type a name, pick from what matches: an input with the browser's own suggestion list (a datalist),
// so it works with the keyboard, a screen reader and a phone's keyboard alike. Each suggestion reads
// "Name (CODE)"; typing the code alone or a whole name picks too, and Enter picks the one match.
import { useId, useState } from 'react';

export interface Named {
  code: string;
  name: string;
}

const nameWithCode = (row: Named) => `${row.name} (${row.code})`;

/** The row the text names: "Name (CODE)", the code, or the whole name if only one row has it. */
function pickedFrom(rows: readonly Named[], text: string): Named | undefined {
  const typed = text.trim();
  if (!typed) return undefined;
  const code = /\(([^()]+)\)$/.exec(typed)?.[1] ?? typed;
  const byCode = rows.find((r) => r.code.toLowerCase() === code.toLowerCase());
  if (byCode) return byCode;
  const byName = rows.filter((r) => r.name.toLowerCase() === typed.toLowerCase());
  return byName.length === 1 ? byName[0] : undefined;
}

export function NamePicker({
  label,
  rows,
  value,
  onPick,
  required = false,
  clearOnPick = false,
  hint,
  onType,
}: {
  label: string;
  rows: readonly Named[];
  /** The code picked ('' for none). */
  value: string;
  onPick: (code: string) => void;
  required?: boolean;
  /** For adding to a list: the box empties once a row is picked. */
  clearOnPick?: boolean;
  hint?: string;
  /** For rows fetched as the person types (a search): the text as it is now. */
  onType?: (text: string) => void;
}) {
  const listId = useId();
  const hintId = useId();
  const current = rows.find((r) => r.code === value);
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (current ? nameWithCode(current) : value);
  const unknown = text !== null && text.trim() !== '' && !pickedFrom(rows, text);
  return (
    <div className="field">
      <label>
        {label}{' '}
        <input
          list={listId}
          value={shown}
          required={required}
          autoComplete="off"
          aria-invalid={unknown || undefined}
          aria-describedby={hint || unknown ? hintId : undefined}
          onChange={(e) => {
            const typed = e.target.value;
            onType?.(typed);
            const row = pickedFrom(rows, typed);
            if (row && clearOnPick) {
              onPick(row.code);
              setText('');
              return;
            }
            setText(typed);
            if (row) onPick(row.code);
            else if (!clearOnPick) onPick('');
          }}
          onKeyDown={(e) => {
            // Enter picks, it never sends the form: the one row the text matches, or nothing yet.
            if (e.key !== 'Enter') return;
            e.preventDefault();
            const typed = (text ?? '').trim().toLowerCase();
            const matches = typed ? rows.filter((r) => nameWithCode(r).toLowerCase().includes(typed)) : [];
            const row = pickedFrom(rows, text ?? '') ?? (matches.length === 1 ? matches[0] : undefined);
            if (!row) return;
            onPick(row.code);
            setText(clearOnPick ? '' : null);
          }}
          onBlur={() => {
            if (!unknown && !clearOnPick) setText(null);
          }}
        />
      </label>
      <datalist id={listId}>
        {rows.map((r) => (
          <option key={r.code} value={nameWithCode(r)} />
        ))}
      </datalist>
      {(hint || unknown) && (
        <span id={hintId} className="hint">
          {unknown ? `No match for “${text}”: type part of a name and pick from the list.` : hint}
        </span>
      )}
    </div>
  );
}
