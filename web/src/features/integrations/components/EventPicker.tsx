import { useTranslation } from "react-i18next";
import { ErrorState, Spinner } from "@/components/States";
import { useEventTypes } from "../api";

interface Props {
  all: boolean;
  chosen: string[];
  onChange: (all: boolean, chosen: string[]) => void;
  error?: string;
  disabled?: boolean;
}

/** Every event type as a checkbox, grouped by the kind of record, with "every event" above them. */
export function EventPicker({ all, chosen, onChange, error, disabled }: Props) {
  const { t } = useTranslation();
  const types = useEventTypes();
  if (types.isPending) return <Spinner label={t("app.loading")} />;
  if (types.isError) return <ErrorState error={types.error} onRetry={() => void types.refetch()} />;
  const subjects = [...new Set(types.data.results.map((type) => type.subject))];
  const toggle = (name: string, on: boolean) =>
    onChange(false, on ? [...chosen, name] : chosen.filter((item) => item !== name));
  return (
    <fieldset className="group" aria-describedby={error ? "event-picker-error" : undefined} disabled={disabled}>
      <legend>{t("integrations.events")}</legend>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => onChange(e.target.checked, chosen)} />
        {t("integrations.allEvents")}
      </label>
      {!all && (
        <div className="grid">
          {subjects.map((subject) => (
            <fieldset key={subject}>
              <legend className="muted">{subject}</legend>
              {types.data.results.filter((type) => type.subject === subject).map((type) => (
                <label key={type.type} className="check" title={type.description}>
                  <input type="checkbox" checked={chosen.includes(type.type)}
                    onChange={(e) => toggle(type.type, e.target.checked)} />
                  {type.type}
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      )}
      {error && <small id="event-picker-error" className="error-text">{error}</small>}
    </fieldset>
  );
}
