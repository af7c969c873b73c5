/** One change to the deals ticked in the list: move them to a stage (a lost one with its reason), add or remove
 * tags, give them to another owner (managers and admins), or delete them (the shared bulk form, with the actions
 * deals take). */
import type { ComponentProps } from "react";
import { useTranslation } from "react-i18next";
import { useAccess } from "@/auth/session";
import { deleteAction, reassignAction, tagActions } from "@/components/bulk/actions";
import { BulkForm, type BulkActionSpec, type BulkValues } from "@/components/bulk/BulkForm";
import { SelectField, TextField } from "@/components/fields";
import { useBulkDeals, type Deal, type Pipeline } from "../api";
import { sharedPipeline } from "../logic/listFilters";

interface Props {
  selected: Deal[];
  pipelines: Pipeline[];
  /** The pipeline the list shows ("" for all). */
  listPipeline: string;
  onDone: (changed: string[]) => void;
  onClear: () => void;
  everything?: ComponentProps<typeof BulkForm>["everything"];
}

export default function DealBulkActions({ selected, pipelines, listPipeline, onDone, onClear, everything }: Props) {
  const { t } = useTranslation();
  const me = useAccess();
  const send = useBulkDeals();
  // The pipeline to move into: the one chosen, else the list's, else the one the ticked deals share.
  const pipelineOf = (values: BulkValues) => values.pipeline || listPipeline || sharedPipeline(selected);
  const stagesOf = (values: BulkValues) => pipelines.find((p) => p.id === pipelineOf(values))?.stages ?? [];
  const stageOf = (values: BulkValues) => stagesOf(values).find((stage) => stage.id === values.stage);
  const moveStage: BulkActionSpec = {
    id: "move_stage", label: t("deals.bulk.actions.move_stage"),
    fields: (values, set) => (
      <>
        <SelectField label={t("deals.bulk.pipeline")} value={pipelineOf(values)}
          onChange={(e) => { set("pipeline", e.target.value); set("stage", ""); }}
          options={[...(pipelineOf(values) ? [] : [{ value: "", label: t("deals.bulk.choosePipeline") }]),
            ...pipelines.map((p) => ({ value: p.id, label: p.name }))]} />
        <SelectField label={t("deals.bulk.stage")} value={stageOf(values)?.id ?? ""}
          onChange={(e) => set("stage", e.target.value)}
          options={[{ value: "", label: t("deals.bulk.chooseStage") },
            ...stagesOf(values).map((s) => ({ value: s.id, label: s.name }))]} />
        {stageOf(values)?.kind === "lost" && (
          <TextField label={t("deals.move.reason")} value={values.reason ?? ""} autoComplete="off"
            onChange={(e) => set("reason", e.target.value)} />
        )}
      </>
    ),
    change: (values) => {
      const stage = stageOf(values);
      const reason = (values.reason ?? "").trim();
      if (!stage || (stage.kind === "lost" && !reason)) return null;
      return { stage: stage.id, pipeline_id: pipelineOf(values), reason: stage.kind === "lost" ? reason : null };
    },
  };
  const actions = [
    moveStage,
    ...tagActions({ add: t("deals.bulk.actions.add_tags"), remove: t("deals.bulk.actions.remove_tags"),
      tags: t("deals.bulk.tags") }),
    ...(me.assigns_owners ? [reassignAction(t("deals.bulk.actions.reassign"), t("deals.bulk.owner"))] : []),
    deleteAction(t("deals.bulk.actions.delete"), (count) => t("deals.bulk.deleteTitle", { count })),
  ];
  return (
    <BulkForm label={t("deals.bulk.label")} refusedText={(count) => t("deals.bulk.refused", { count })}
      selected={selected.map((deal) => ({ id: deal.id, name: deal.title }))} actions={actions} send={send}
      onDone={onDone} onClear={onClear} everything={everything} />
  );
}
