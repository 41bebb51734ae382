import { useState } from 'react';

/**
 * The teacher's grade for one essay. Arrow keys on a closed select change its
 * value as the teacher moves through the table, so the grade is recorded only
 * when the select loses focus or on Enter, not on every change.
 */
export function OverrideSelect(props: {
  label: string;
  modelLabel: string;
  scale: readonly string[];
  saved: string;
  disabled: boolean;
  onCommit: (grade: string) => void;
}) {
  // The parent keys it by the saved grade, so a grade saved elsewhere (an import, another window) starts it afresh.
  const [value, setValue] = useState(props.saved);
  const commit = (): void => {
    if (value !== props.saved) props.onCommit(value);
  };
  return (
    <select
      aria-label={props.label}
      value={value}
      disabled={props.disabled}
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    >
      <option value="">{props.modelLabel}</option>
      {props.scale.map((grade) => (
        <option key={grade} value={grade}>
          {grade}
        </option>
      ))}
    </select>
  );
}
