import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { useNotify } from "@/components/Toasts";
import { useDeleteDeal, useTransition, type Deal, type Pipeline, type Transition } from "../api";
import type { Column } from "../logic/board";
import { MoveDialog } from "./MoveDialog";

interface Props {
  deal: Deal;
  pipeline: Pipeline | undefined;
  onDeleted: () => void;
}

/** The stage transitions a deal's state allows (advance, move, won, lost with a reason, reopen) and delete. */
export function DealActions({ deal, pipeline, onDeleted }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const transition = useTransition(deal.id);
  const remove = useDeleteDeal(deal.id);
  const [dialog, setDialog] = useState<"move" | "lost" | "delete" | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const open = deal.status === "open";
  const stages: Column[] = (pipeline?.stages ?? []).map((stage) => ({
    id: stage.id, name: stage.name, kind: stage.kind, probability: stage.probability, color: stage.color,
    rotting_days: stage.rotting_days, count: 0, deals: [], next_cursor: null,
    value: { base: "", total: "0", by_currency: {} }, weighted_value: { base: "", total: "0", by_currency: {} },
  }));

  async function run(step: Transition, done: string) {
    setDialogError(null);
    try {
      await transition.mutateAsync({ transition: step, version: deal.version });
      setDialog(null);
      notify(done);
    } catch (error) {
      const shown = toUserError(error, t, ["reason", "stage"]);
      if (dialog === "lost") setDialogError(shown.fields.reason ?? shown.message);
      else {
        setDialog(null);
        notify(shown.message, { tone: "error" });
      }
    }
  }

  return (
    <div className="actions" role="group" aria-label={t("deals.page.actions")}>
      {open && (
        <button type="button" disabled={transition.isPending}
          onClick={() => void run({ action: "advance-stage" }, t("deals.page.advanced"))}>
          {t("deals.page.advance")}
        </button>
      )}
      <button type="button" onClick={() => setDialog("move")}>{t("deals.page.moveStage")}</button>
      {deal.status !== "won" && (
        <button type="button" disabled={transition.isPending}
          onClick={() => void run({ action: "mark-won" }, t("deals.page.wonDone"))}>{t("deals.page.markWon")}</button>
      )}
      {deal.status !== "lost" && (
        <button type="button" onClick={() => { setDialogError(null); setDialog("lost"); }}>
          {t("deals.page.markLost")}
        </button>
      )}
      {!open && (
        <button type="button" disabled={transition.isPending}
          onClick={() => void run({ action: "reopen" }, t("deals.page.reopened"))}>{t("deals.page.reopen")}</button>
      )}
      <button type="button" className="danger" onClick={() => { setDialogError(null); setDialog("delete"); }}>
        {t("deals.page.delete")}
      </button>
      <MoveDialog card={dialog === "move" ? { ...deal, customer_name: null, rotting: false } : null} columns={stages}
        from={deal.stage} onClose={() => setDialog(null)}
        onMove={(stage, reason) => void run({ action: "move-stage", stage, reason }, t("deals.page.movedDone"))} />
      <ConfirmDialog open={dialog === "lost"} title={t("deals.page.lostTitle", { title: deal.title })}
        textLabel={t("deals.move.reason")} confirmLabel={t("deals.page.markLost")} busy={transition.isPending}
        error={dialogError} onClose={() => setDialog(null)}
        onConfirm={(reason) => void run({ action: "mark-lost", reason }, t("deals.page.lostDone"))} />
      <ConfirmDialog open={dialog === "delete"} title={t("deals.page.deleteConfirm", { title: deal.title })}
        confirmLabel={t("deals.page.delete")} danger busy={remove.isPending} error={dialogError}
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          try {
            await remove.mutateAsync(deal.version);
            setDialog(null);
            onDeleted();
          } catch (error) {
            setDialogError(toUserError(error, t).message);
          }
        }} />
    </div>
  );
}
