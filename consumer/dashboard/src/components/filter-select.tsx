// A labelled drop-down of the filter row: it hands back the chosen value, typed as the caller's.
import type { ComponentChildren } from 'preact';

export interface FilterSelectProps<T extends string> {
  /** What a screen reader calls it (the row has no visible labels). */
  label: string;
  value: T;
  onChange: (value: T) => void;
  /** Its <option>s, each with a value of type T. */
  children: ComponentChildren;
}

export function FilterSelect<T extends string>({ label, value, onChange, children }: FilterSelectProps<T>) {
  return (
    <select
      class="select"
      aria-label={label}
      value={value}
      onChange={(event) => onChange((event.target as HTMLSelectElement).value as T)}
    >
      {children}
    </select>
  );
}
