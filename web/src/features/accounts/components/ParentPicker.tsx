import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDebounced } from "@/components/useDebounced";
import { useAccountSearch, useParent } from "../api";

/** The parent account: shown by name, changed by searching customers and picking one, or removed. */
export function ParentPicker({ customerId, value, onChange, error, disabled }: {
  customerId: string;
  value: string;
  onChange: (id: string) => void;
  error?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState(false);
  const settled = useDebounced(search, 300);
  const parent = useParent(value || null);
  const found = useAccountSearch(open ? settled : "");
  const choices = (found.data?.results ?? []).filter((c) => c.id !== customerId);
  return (
    <fieldset className="group parent-picker" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t("accounts.parent")}</legend>
      <p>
        {value ? (
          parent.data ? <Link to={`/customers/${value}`}>{parent.data.name}</Link>
            : <span className="muted">{parent.isError ? t("accounts.parentGone", { id: value }) : value}</span>
        ) : <span className="muted">{t("accounts.noParent")}</span>}
        {!disabled && value && (
          <button type="button" className="link" onClick={() => onChange("")}>{t("accounts.removeParent")}</button>
        )}
        {!disabled && !open && (
          <button type="button" className="link" onClick={() => setOpen(true)}>
            {t(value ? "accounts.changeParent" : "accounts.chooseParent")}
          </button>
        )}
      </p>
      {open && !disabled && (
        <div className="field">
          <label htmlFor={`${id}-search`}>{t("accounts.searchParent")}</label>
          <input id={`${id}-search`} type="search" value={search} autoFocus onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => { if (e.key === "Escape") setOpen(false); }} />
          {settled.trim() && (
            <ul className="picker-choices" aria-label={t("accounts.parentChoices")}>
              {choices.length === 0 && !found.isFetching && <li className="muted">{t("accounts.noMatch")}</li>}
              {choices.map((choice) => (
                <li key={choice.id}>
                  <button type="button" className="link" onClick={() => { onChange(choice.id); setOpen(false); setSearch(""); }}>
                    {choice.name}{choice.organization ? ` · ${choice.organization}` : ""}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="link" onClick={() => setOpen(false)}>{t("common.cancel")}</button>
        </div>
      )}
      {error && <small id={`${id}-error`} className="error-text">{error}</small>}
    </fieldset>
  );
}
