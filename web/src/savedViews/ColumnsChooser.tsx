/** Which optional columns a table shows: a disclosure of checkboxes, in the table's order. */
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
  return (
    <details className="columns-chooser">
      <summary>{t("views.columns", { shown: shown.length, all: all.length })}</summary>
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
    </details>
  );
}
