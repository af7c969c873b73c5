import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, toUserError } from "@/api/errors";
import { ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { useCurrencyRates, useSaveCurrencyRates } from "../api";
import { AdminFrame } from "../components/AdminFrame";
import { apiProblems, code, newRow, rowProblems, rowsFrom, toUpdate, type RateRow } from "../logic/rates";

export default function CurrencyRatesPage() {
  const { t } = useTranslation();
  return <AdminFrame title={t("admin.rates.title")}><RatesLoader /></AdminFrame>;
}

function RatesLoader() {
  const { t } = useTranslation();
  const rates = useCurrencyRates();
  if (rates.isPending) return <Spinner label={t("app.loading")} />;
  if (rates.isError) return <ErrorState error={rates.error} onRetry={() => void rates.refetch()} />;
  return <RatesEditor base={rates.data.base} initial={rates.data.rates as Record<string, string>} />;
}

/** One row per currency: "1 USD = [rate] EUR"; rows are added and removed, and saved together. */
function RatesEditor({ base, initial }: { base: string; initial: Record<string, string> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSaveCurrencyRates();
  const [rows, setRows] = useState<RateRow[]>(() => rowsFrom(initial));
  const [checked, setChecked] = useState(false);
  const [fromApi, setFromApi] = useState<Record<number, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const problems = checked ? rowProblems(rows, base) : {};

  function edit(key: number, change: Partial<RateRow>) {
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...change } : row)));
    setFromApi(({ [key]: _gone, ...rest }) => rest);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    setBanner(null);
    if (Object.keys(rowProblems(rows, base)).length > 0) return;
    try {
      const saved = await save.mutateAsync(toUpdate(rows).rates);
      setRows(rowsFrom(saved.rates as Record<string, string>));
      setChecked(false);
      setFromApi({});
      notify(t("admin.rates.saved"));
    } catch (error) {
      setFromApi(error instanceof ApiError ? apiProblems(rows, error.details) : {});
      // the messages the rows show stay off the banner
      setBanner(toUserError(error, t, rows.map((row) => `rates.${code(row)}`)).message);
    }
  }

  return (
    <form className="panel rates" onSubmit={submit} noValidate>
      <p>{t("admin.rates.intro", { base })}</p>
      {banner && <p className="notice error" role="alert">{banner}</p>}
      {rows.length === 0 && <p className="muted">{t("admin.rates.none", { base })}</p>}
      <ul className="rate-rows">
        {rows.map((row, index) => {
          const message = fromApi[row.key] ?? (problems[row.key] && t(`admin.rates.problems.${problems[row.key]}`, { base }));
          const errorId = `rate-error-${row.key}`;
          const invalidCode = !!problems[row.key] && problems[row.key] !== "missingRate";
          return (
            <li key={row.key}>
              <div className="row-group">
                <div className="field">
                  <label htmlFor={`rate-code-${row.key}`}>{t("admin.rates.currency", { n: index + 1 })}</label>
                  <input id={`rate-code-${row.key}`} value={row.currency} maxLength={3} autoComplete="off"
                    className="code-input" aria-invalid={invalidCode || undefined}
                    aria-describedby={message ? errorId : undefined}
                    onChange={(e) => edit(row.key, { currency: e.target.value.toUpperCase() })} />
                </div>
                <div className="field grow">
                  <label htmlFor={`rate-value-${row.key}`}>
                    {t("admin.rates.rate", { currency: code(row) || "…", base })}
                  </label>
                  <input id={`rate-value-${row.key}`} value={row.rate} inputMode="decimal" autoComplete="off"
                    aria-invalid={(!!message && !invalidCode) || undefined} aria-describedby={message ? errorId : undefined}
                    onChange={(e) => edit(row.key, { rate: e.target.value })} />
                </div>
                <button type="button" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
                  {t("common.remove")}<span className="visually-hidden"> {code(row)}</span>
                </button>
              </div>
              {message && <p id={errorId} className="error-text">{message}</p>}
            </li>
          );
        })}
      </ul>
      <div className="form-actions">
        <button type="button" onClick={() => setRows((all) => [...all, newRow()])}>{t("admin.rates.add")}</button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t("common.saving") : t("admin.rates.save")}
        </button>
      </div>
    </form>
  );
}
