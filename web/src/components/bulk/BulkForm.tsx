/** One change to the rows ticked in a list (customers, deals, activities): the list's feature gives the actions its
 * kind takes and their inputs; each record is checked and changed on its own by the API, and the ones it refused
 * stay listed with its reason. Loaded only once a row is ticked. */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { UseMutationResult } from "@tanstack/react-query";
import type { BulkRequest, BulkResult } from "@/api/types";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { useNotify } from "@/components/Toasts";
import "./bulk.css";
import { jobRunning, useJob, useStartBulkJob, type BulkKind } from "./bulkJob";
import {
  bulkRequest, changedIds, jobRefusals, MOST_AT_ONCE, refusals, type BulkActionId, type BulkChange, type Refusal,
} from "./bulkRequest";

export type BulkValues = Record<string, string>;

export interface BulkActionSpec {
  id: BulkActionId;
  label: string;
  /** The inputs the action needs, showing ``values`` and changing them through ``set``. */
  fields?: (values: BulkValues, set: (name: string, value: string) => void) => ReactNode;
  /** The request's fields from ``values``, or null while one the action needs is missing. */
  change?: (values: BulkValues) => BulkChange | null;
  /** Asked before it runs, with this title (a deletion). */
  confirmTitle?: (count: number) => string;
}

interface Props {
  /** The form's name, e.g. "Change the selected deals". */
  label: string;
  /** The heading of the refusals, e.g. "2 deals were not changed:". */
  refusedText: (count: number) => string;
  selected: { id: string; name: string }[];
  actions: BulkActionSpec[];
  /** The values the actions' inputs start with. */
  initial?: BulkValues;
  send: UseMutationResult<BulkResult, Error, BulkRequest>;
  onDone: (changed: string[]) => void;
  onClear: () => void;
  /** When every row shown is ticked and the list has more, the change can go to every record its filters match (the
   * API's bulk job): its kind, how many match, the filters as the list's query parameters, and what to do after. */
  everything?: { kind: BulkKind; total: number; filter: Record<string, string>; allShown: boolean;
    onFinished: () => void };
}

export function BulkForm({
  label, refusedText, selected, actions, initial = {}, send, onDone, onClear, everything,
}: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const id = useId();
  const [actionId, setActionId] = useState<BulkActionId>(actions[0].id);
  const [values, setValues] = useState<BulkValues>(initial);
  const [confirming, setConfirming] = useState(false);
  const [refused, setRefused] = useState<Refusal[]>([]);
  const [matching, setMatching] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const startJob = useStartBulkJob(everything?.kind ?? "customers");
  const job = useJob(jobId);
  const reported = useRef<string | null>(null);
  // The names of the rows shown when a job started: its refusals are named by them where they can be.
  const jobNames = useRef<Map<string, string>>(new Map());
  const action = actions.find((each) => each.id === actionId) ?? actions[0];
  const change = action.change ? action.change(values) : {};
  const more = !!everything && everything.allShown && everything.total > selected.length;
  const running = startJob.isPending || jobRunning(job.data);
  // While the job runs the list changes under it (rows it changed may leave the list): the choice stays.
  const everyMatch = matching && (more || running);
  const count = everyMatch ? (job.data?.progress?.total ?? everything?.total ?? 0) : selected.length;
  const tooMany = !everyMatch && selected.length > MOST_AT_ONCE;
  const set = (name: string, value: string) => setValues((now) => ({ ...now, [name]: value }));

  useEffect(() => {
    const ended = job.data;
    if (!ended || jobRunning(ended) || reported.current === ended.id) return;
    reported.current = ended.id;
    setConfirming(false);
    setMatching(false);
    const counts = ended.progress?.counts ?? {};
    notify(ended.status === "failed" ? ended.message ?? ended.status
      : t("bulk.done", { succeeded: counts.succeeded ?? 0, failed: counts.failed ?? 0 }),
    { tone: ended.status === "succeeded" && !counts.failed ? undefined : "error" });
    const named = (item: Refusal) => ({ ...item, name: jobNames.current.get(item.id) ?? item.name });
    setRefused(jobRefusals(ended.errors ?? []).map(named));
    setJobId(null);
    everything?.onFinished();
  }, [job.data, everything, notify, t]);

  function runJob(body: BulkRequest) {
    if (!everything) return;
    const { ids: _all, ...request } = body;
    jobNames.current = new Map(selected.map((row) => [row.id, row.name]));
    startJob.mutate({ ...request, filter: everything.filter }, {
      onSuccess: (started) => setJobId(started.id),
      onError: (error) => {
        setConfirming(false);
        notify(error.message, { tone: "error" });
      },
    });
  }

  function run() {
    if (!change) return;
    if (everyMatch) {
      runJob(bulkRequest(action.id, [], change));
      return;
    }
    const names = new Map(selected.map((row) => [row.id, row.name]));
    send.mutate(bulkRequest(action.id, selected.map((row) => row.id), change), {
      onSuccess: (result) => {
        setConfirming(false);
        notify(t("bulk.done", { succeeded: result.succeeded, failed: result.failed }),
          { tone: result.failed ? "error" : undefined });
        setRefused(refusals(result, names));
        onDone(changedIds(result));
      },
      onError: (error) => {
        setConfirming(false);
        notify(error.message, { tone: "error" });
      },
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (action.confirmTitle) setConfirming(true);
    else run();
  }

  return (
    <>
      {selected.length > 0 && (
        <form className="bulk-bar" aria-label={label} onSubmit={submit}>
          <strong>{everyMatch ? t("bulk.allMatching", { count }) : t("bulk.selected", { count })}</strong>
          {more && !everyMatch && (
            <button type="button" className="link" onClick={() => setMatching(true)}>
              {t("bulk.selectMatching", { count: everything.total })}
            </button>
          )}
          <div className="field">
            <label htmlFor={`${id}-action`}>{t("bulk.action")}</label>
            <select id={`${id}-action`} value={action.id}
              onChange={(event) => setActionId(event.target.value as BulkActionId)}>
              {actions.map((each) => <option key={each.id} value={each.id}>{each.label}</option>)}
            </select>
          </div>
          {action.fields?.(values, set)}
          <button type="submit" className={action.confirmTitle ? "danger" : "primary"}
            disabled={send.isPending || running || tooMany || !change}>
            {t(send.isPending || running ? "bulk.applying" : "bulk.apply")}
          </button>
          <button type="button" className="link" onClick={() => { setMatching(false); onClear(); }}>
            {t("bulk.clear")}
          </button>
          {tooMany && <p className="hint">{t("bulk.tooMany", { most: MOST_AT_ONCE })}</p>}
          {jobRunning(job.data) && (
            <p className="hint" role="status">
              {t("bulk.running", { done: job.data?.progress?.done ?? 0, total: job.data?.progress?.total ?? count })}
            </p>
          )}
        </form>
      )}
      {refused.length > 0 && (
        <div className="bulk-refused" role="alert">
          <p>{refusedText(refused.length)}</p>
          <ul>{refused.map((item) => <li key={item.id}><strong>{item.name}</strong>: {item.message}</li>)}</ul>
          <button type="button" className="link" onClick={() => setRefused([])}>{t("common.close")}</button>
        </div>
      )}
      {action.confirmTitle && (
        <ConfirmDialog open={confirming} danger busy={send.isPending || running} title={action.confirmTitle(count)}
          confirmLabel={action.label} onConfirm={run} onClose={() => setConfirming(false)} />
      )}
    </>
  );
}
