// A labelled select, the pattern every filter and form repeats: the label wrapping its select (so the
// label's text is the control's accessible name), an optional empty option first, then the options.
import type { ReactNode } from 'react';

export interface ChoiceOption<T extends string = string> {
  value: T;
  label: string;
}

/** Code-and-name rows (areas, categories, people) as options, in the order given. */
export const codeOptions = (rows: readonly { code: string; name: string }[] | undefined): ChoiceOption[] =>
  (rows ?? []).map(({ code, name }) => ({ value: code, label: name }));

/** Each value its own label (priorities, cohorts). */
export const plainOptions = <T extends string>(values: readonly T[]): ChoiceOption<T>[] =>
  values.map((value) => ({ value, label: value }));

export function Choice<T extends string>({
  label,
  value,
  onChange,
  options,
  empty,
  required,
  id,
}: {
  label: ReactNode;
  value: T;
  onChange: (value: T) => void;
  options: readonly ChoiceOption<T>[];
  /** The label of an empty first option (value ""); only where "" is one of the values. */
  empty?: '' extends T ? string : never;
  required?: boolean;
  id?: string;
}) {
  return (
    <label>
      {label}{' '}
      <select id={id} required={required} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
