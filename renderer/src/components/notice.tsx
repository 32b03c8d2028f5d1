import type { ReactNode } from 'react';

/** A message box: `info` for what happens next, `error` for what went wrong (announced to screen readers). */
export function Notice({ kind, children }: { kind: 'info' | 'success' | 'warning' | 'error'; children: ReactNode }) {
  return (
    <div className={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  // null: total not known yet -> an indeterminate bar (no aria-valuenow).
  const pct = value === null ? null : Math.max(0, Math.min(1, value)) * 100;
  return (
    <div
      className={`progress${pct === null ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === null ? undefined : Math.round(pct)}
    >
      <div className="bar" style={pct === null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}
