import type { ReactNode } from "react";

/** One headline figure. */
export function Kpi({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="kpi">
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
    </div>
  );
}
