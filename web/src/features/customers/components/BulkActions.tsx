/** One change to the customers ticked in the list: add or remove tags, change the status, give them to another
 * owner (managers and admins), or delete them. Each customer is checked and changed on its own; the ones the API
 * refused stay listed with its reason. */
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { BulkRequest, BulkResult, CustomerListItem } from "@/api/types";
import { useAccess } from "@/auth/session";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { TagsField } from "@/components/TagsField";
import { useNotify } from "@/components/Toasts";
import { UserPicker } from "@/components/UserPicker";
import { useBulkCustomers } from "../api";

const MOST_AT_ONCE = 500;
const STATUSES = ["lead", "prospect", "customer", "churned"] as const;
type Action = "add_tags" | "remove_tags" | "set_status" | "reassign" | "delete";

interface Props {
  selected: CustomerListItem[];
  onDone: (changed: string[]) => void;
  onClear: () => void;
}

export default function BulkActions({ selected, onDone, onClear }: Props) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const bulk = useBulkCustomers();
  const id = useId();
  const [action, setAction] = useState<Action>("add_tags");
  const [tags, setTags] = useState("");
  const [status, setStatus] = useState<string>("customer");
  const [owner, setOwner] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [refused, setRefused] = useState<{ name: string; message: string }[]>([]);
  const actions: Action[] = ["add_tags", "remove_tags", "set_status", ...(me.assigns_owners ? ["reassign" as const] : []),
    "delete"];
  const tagList = tags.split(",").map((tag) => tag.trim()).filter(Boolean);
  const tooMany = selected.length > MOST_AT_ONCE;
  const incomplete = (action.endsWith("_tags") && !tagList.length) || (action === "reassign" && !owner);

  function body(): BulkRequest {
    return {
      action, ids: selected.map((customer) => customer.id),
      tags: action.endsWith("_tags") ? tagList : null, status: action === "set_status" ? status : null,
      owner_id: action === "reassign" ? owner : null, stage: null, pipeline_id: null, reason: null,
    };
  }

  function run() {
    const names = new Map(selected.map((customer) => [customer.id, customer.name]));
    bulk.mutate(body(), {
      onSuccess: (result: BulkResult) => {
        setConfirming(false);
        notify(t("customers.bulk.done", { succeeded: result.succeeded, failed: result.failed }),
          { tone: result.failed ? "error" : undefined });
        setRefused(result.results.filter((item) => !item.ok)
          .map((item) => ({ name: names.get(item.id) ?? item.id, message: item.message ?? item.code ?? "" })));
        onDone(result.results.filter((item) => item.ok).map((item) => item.id));
      },
      onError: (error) => {
        setConfirming(false);
        notify(error.message, { tone: "error" });
      },
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (action === "delete") setConfirming(true);
    else run();
  }

  return (
    <>
      {selected.length > 0 && (
        <form className="bulk-bar" aria-label={t("customers.bulk.label")} onSubmit={submit}>
          <strong>{t("customers.bulk.selected", { count: selected.length })}</strong>
          <div className="field">
            <label htmlFor={`${id}-action`}>{t("customers.bulk.action")}</label>
            <select id={`${id}-action`} value={action} onChange={(event) => setAction(event.target.value as Action)}>
              {actions.map((each) => <option key={each} value={each}>{t(`customers.bulk.actions.${each}`)}</option>)}
            </select>
          </div>
          {action.endsWith("_tags") && (
            <TagsField label={t("customers.bulk.tags")} value={tags} onChange={(event) => setTags(event.target.value)} />
          )}
          {action === "set_status" && (
            <div className="field">
              <label htmlFor={`${id}-status`}>{t("customers.bulk.status")}</label>
              <select id={`${id}-status`} value={status} onChange={(event) => setStatus(event.target.value)}>
                {STATUSES.map((each) => <option key={each} value={each}>{t(`status.${each}`)}</option>)}
              </select>
            </div>
          )}
          {action === "reassign" && <UserPicker label={t("customers.bulk.owner")} value={owner} onChange={setOwner} />}
          <button type="submit" className={action === "delete" ? "danger" : "primary"}
            disabled={bulk.isPending || tooMany || incomplete}>
            {t(bulk.isPending ? "customers.bulk.applying" : "customers.bulk.apply")}
          </button>
          <button type="button" className="link" onClick={onClear}>{t("customers.bulk.clear")}</button>
          {tooMany && <p className="hint">{t("customers.bulk.tooMany", { most: MOST_AT_ONCE })}</p>}
        </form>
      )}
      {refused.length > 0 && (
        <div className="bulk-refused" role="alert">
          <p>{t("customers.bulk.refused", { count: refused.length })}</p>
          <ul>{refused.map((item) => <li key={item.name + item.message}>{item.name}: {item.message}</li>)}</ul>
          <button type="button" className="link" onClick={() => setRefused([])}>{t("common.close")}</button>
        </div>
      )}
      <ConfirmDialog open={confirming} danger busy={bulk.isPending}
        title={t("customers.bulk.deleteTitle", { count: selected.length })}
        confirmLabel={t("customers.bulk.actions.delete")} onConfirm={run} onClose={() => setConfirming(false)} />
    </>
  );
}
