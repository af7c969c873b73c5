import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { SelectField } from "@/components/fields";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { formatDateTime, formatNumber } from "@/i18n/format";
import {
  downloadExport, useCancelJob, useJobErrors, useJobs, useStartExport, useStartImport,
  type FileFormat, type Job, type TransferKind,
} from "../api";
import { formatOf, isRunning, orderedCounts, percentDone } from "../logic/jobs";

const IMPORT_KINDS: TransferKind[] = ["customers", "deals", "orders", "activities"];
const PRESETS: Record<string, TransferKind[]> = {
  "hubspot-contacts": ["customers"], "hubspot-companies": ["customers"], "pipedrive-persons": ["customers"],
  "pipedrive-organizations": ["customers"], "pipedrive-deals": ["deals"],
};

export default function TransferPage() {
  const { t } = useTranslation();
  const me = useAccess();
  return (
    <div className="page narrow">
      <div className="page-head"><h1>{t("transfer.title")}</h1></div>
      <div className="columns">
        <div>
          {me.can("write") && <ImportPanel />}
          <ExportPanel />
        </div>
        <JobsPanel />
      </div>
    </div>
  );
}

function useKindOptions(kinds: TransferKind[]) {
  const { t } = useTranslation();
  return kinds.map((kind) => ({ value: kind, label: t(`transfer.kinds.${kind}`) }));
}

function ImportPanel() {
  const { t } = useTranslation();
  const notify = useNotify();
  const start = useStartImport();
  const [kind, setKind] = useState<TransferKind>("customers");
  const [preset, setPreset] = useState("");
  const [dryRun, setDryRun] = useState(true);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const kinds = useKindOptions(IMPORT_KINDS);
  const presets = [{ value: "", label: t("transfer.presets.none") }, ...Object.entries(PRESETS)
    .filter(([, of]) => of.includes(kind)).map(([name]) => ({ value: name, label: t(`transfer.presets.${name}`) }))];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    const text = await file.text();
    start.mutate({ kind, fileName: file.name, text, preset: preset || null, dryRun }, {
      onSuccess: () => notify(t("transfer.started")),
    });
  };

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t("transfer.importTitle")}</h2>
      <p className="muted">{t("transfer.importHint")}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <SelectField label={t("transfer.kind")} value={kind} options={kinds}
          onChange={(event) => { setKind(event.target.value as TransferKind); setPreset(""); }} />
        <div className="field">
          <label htmlFor="import-file">{t("transfer.file")}</label>
          <input id="import-file" type="file" accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
            aria-invalid={missing || undefined} aria-describedby={missing ? "import-file-error" : undefined}
            onChange={(event) => { setFile(event.target.files?.[0] ?? null); setMissing(false); }} />
          {missing && <small id="import-file-error" className="error-text">{t("transfer.chooseFile")}</small>}
        </div>
        <SelectField label={t("transfer.preset")} value={preset} options={presets}
          onChange={(event) => setPreset(event.target.value)} />
        <label className="check">
          <input type="checkbox" checked={dryRun} onChange={(event) => setDryRun(event.target.checked)} />
          {t("transfer.dryRun")}
        </label>
        {start.isError && <p className="notice error" role="alert">{toUserError(start.error, t).message}</p>}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={start.isPending}>{t("transfer.startImport")}</button>
          {file && <span className="muted">{file.name} ({formatOf(file.name) === "jsonl" ? "JSON Lines" : "CSV"})</span>}
        </div>
      </form>
    </section>
  );
}

function ExportPanel() {
  const { t } = useTranslation();
  const notify = useNotify();
  const start = useStartExport();
  const [kind, setKind] = useState<TransferKind>("customers");
  const [format, setFormat] = useState<FileFormat>("csv");
  const kinds = useKindOptions(IMPORT_KINDS);
  const formats = (["csv", "jsonl"] as const).map((value) => ({ value, label: t(`transfer.formats.${value}`) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate({ kind, format }, { onSuccess: () => notify(t("transfer.started")) });
  };

  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">{t("transfer.exportTitle")}</h2>
      <p className="muted">{t("transfer.exportHint")}</p>
      <form onSubmit={submit}>
        <SelectField label={t("transfer.kind")} value={kind} options={kinds}
          onChange={(event) => setKind(event.target.value as TransferKind)} />
        <SelectField label={t("transfer.format")} value={format} options={formats}
          onChange={(event) => setFormat(event.target.value as FileFormat)} />
        {start.isError && <p className="notice error" role="alert">{toUserError(start.error, t).message}</p>}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={start.isPending}>{t("transfer.startExport")}</button>
        </div>
      </form>
    </section>
  );
}

function JobsPanel() {
  const { t } = useTranslation();
  const jobs = useJobs();
  return (
    <section className="panel" aria-labelledby="jobs-title">
      <h2 id="jobs-title">{t("transfer.jobsTitle")}</h2>
      {jobs.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : jobs.isError ? (
        <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : jobs.data.results.length === 0 ? (
        <EmptyState><p>{t("transfer.noJobs")}</p></EmptyState>
      ) : (
        <ul className="timeline" aria-label={t("transfer.jobsTitle")}>
          {jobs.data.results.map((job) => <JobItem key={job.id} job={job} />)}
        </ul>
      )}
    </section>
  );
}

function JobItem({ job }: { job: Job }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const notify = useNotify();
  const cancel = useCancelJob();
  const [showErrors, setShowErrors] = useState(false);
  const percent = percentDone(job);
  const title = `${t(`transfer.job.${job.type}`)}${job.dry_run ? ` (${t("transfer.job.dryRun")})` : ""}: `
    + `${t(`transfer.kinds.${job.kind}`, { defaultValue: job.kind })}${job.file_name ? `, ${job.file_name}` : ""}`;
  const download = () => downloadExport(job).catch((error: unknown) =>
    notify(toUserError(error, t).message, { tone: "error" }));

  return (
    <li aria-label={title}>
      <strong>{title}</strong>
      <span className="muted">
        {t(`transfer.job.status.${job.status}`)} · {formatDateTime(job.created_at, language)}
      </span>
      {isRunning(job) && (
        <progress max={100} value={percent ?? undefined} aria-label={title}>
          {percent === null ? "" : `${percent}%`}
        </progress>
      )}
      {isRunning(job) && typeof job.progress?.total === "number" && (
        <span>{t("transfer.progress", { done: formatNumber(job.progress.done ?? 0, language),
          total: formatNumber(job.progress.total, language) })}</span>
      )}
      <span>
        {orderedCounts(job).map(([what, n]) =>
          `${formatNumber(n, language)} ${t(`transfer.counts.${what}`, { defaultValue: what })}`).join(", ")}
      </span>
      {job.message && job.status === "failed" && <span className="error-text">{job.message}</span>}
      <div className="actions">
        {job.type === "export" && job.status === "succeeded" && (
          <button type="button" onClick={() => void download()}>{t("transfer.download")}</button>
        )}
        {isRunning(job) && (
          <button type="button" onClick={() => cancel.mutate(job.id)} disabled={cancel.isPending}>
            {t("transfer.cancel")}
          </button>
        )}
        {job.error_count > 0 && (
          <button type="button" className="link" aria-expanded={showErrors} onClick={() => setShowErrors(!showErrors)}>
            {showErrors ? t("transfer.hideErrors") : t("transfer.showErrors", { count: job.error_count })}
          </button>
        )}
      </div>
      {showErrors && <JobErrors id={job.id} />}
    </li>
  );
}

function JobErrors({ id }: { id: string }) {
  const { t } = useTranslation();
  const errors = useJobErrors(id, true);
  if (errors.isPending) return <Spinner label={t("app.loading")} />;
  if (errors.isError) return <ErrorState error={errors.error} onRetry={() => void errors.refetch()} />;
  return (
    <ul className="notes" aria-label={t("transfer.errorsTitle")}>
      {errors.data.results.map((error) => (
        <li key={`${error.line}-${error.field ?? ""}`}>
          <strong>{t("transfer.errorAt", { line: error.line, field: error.column ?? error.field ?? "" })}</strong>
          <span>{error.message}</span>
        </li>
      ))}
    </ul>
  );
}
