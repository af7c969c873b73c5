/** Which optional columns a table shows: a disclosure of checkboxes, in the table's order. The checkboxes exist only
 * while it is open, so that their labels (the columns' names) do not stand beside the filters of the same name. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import "./savedViews.css";

interface Props<C extends string> {
  all: readonly C[];
  shown: readonly C[];
  label: (column: C) => string;
  onChange: (shown: C[]) => void;
}

export function ColumnsChooser<C extends string>({ all, shown, label, onChange }: Props<C>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="columns-chooser" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t("views.columns", { shown: shown.length, all: all.length })}</summary>
      {open && (
        <fieldset>
          <legend className="visually-hidden">{t("views.columnsLegend")}</legend>
          {all.map((column) => (
            <label key={column} className="check">
              <input type="checkbox" checked={shown.includes(column)}
                onChange={(e) => onChange(all.filter((c) => (c === column ? e.target.checked : shown.includes(c))))} />
              {label(column)}
            </label>
          ))}
        </fieldset>
      )}
    </details>
  );
}
