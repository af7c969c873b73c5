import { useEffect, useRef, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { showFieldErrors, TextField } from "@/components/fields";
import { useNotify } from "@/components/Toasts";
import { useCreatePipeline, useDeletePipeline, useUpdatePipeline, type Pipeline } from "../api";
import {
  PIPELINE_FORM_FIELDS, removedStages, toCreate, toFormValues, toUpdate, type PipelineFormValues,
} from "../logic/pipelineForm";
import { StagesEditor } from "./StagesEditor";

interface Props {
  pipeline?: Pipeline;
  others: Pipeline[];
  onSaved: (pipeline: Pipeline) => void;
  onDeleted: () => void;
}

/** One pipeline: its name, whether it is the default, its stages; the deals of a removed stage go where the admin
 * says; a pipeline holding deals is deleted by moving them to another. */
export function PipelineEditor({ pipeline, others, onSaved, onDeleted }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const form = useForm<PipelineFormValues>({ defaultValues: toFormValues(pipeline) });
  const create = useCreatePipeline();
  const update = useUpdatePipeline();
  const remove = useDeletePipeline();
  const [banner, setBanner] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [moveTo, setMoveTo] = useState("");
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const values = form.watch();
  // The version the form holds: a save names it (If-Match), so another admin's change in between is a 412.
  const loaded = useRef(pipeline);

  useEffect(() => {
    const same = loaded.current?.id === pipeline?.id;
    if (same && loaded.current?.version === pipeline?.version) return;
    if (same && form.formState.isDirty) return; // their change waits: a save answers 412 and offers to load it
    loaded.current = pipeline;
    form.reset(toFormValues(pipeline));
  }, [pipeline, form]);

  const removed = loaded.current ? removedStages(values, loaded.current) : [];

  function loadTheirVersion() {
    loaded.current = pipeline;
    form.reset(toFormValues(pipeline));
    setConflict(false);
    setBanner(null);
  }

  async function save(next: PipelineFormValues) {
    setBanner(null);
    setConflict(false);
    try {
      const base = loaded.current;
      const saved = base
        ? await update.mutateAsync({ id: base.id, version: base.version, body: toUpdate(next, base) })
        : await create.mutateAsync(toCreate(next));
      loaded.current = saved;
      notify(t("pipelines.saved", { name: saved.name }));
      onSaved(saved);
    } catch (error) {
      const shown = toUserError(error, t, PIPELINE_FORM_FIELDS);
      setConflict(shown.conflict);
      setBanner(shown.message);
      showFieldErrors(form.setError, shown);
    }
  }

  async function confirmDelete() {
    if (!pipeline) return;
    setDeleteError(null);
    try {
      await remove.mutateAsync({ id: pipeline.id, version: pipeline.version, moveTo: moveTo || undefined });
      setDeleting(false);
      notify(t("pipelines.deleted", { name: pipeline.name }));
      onDeleted();
    } catch (error) {
      setDeleteError(toUserError(error, t).message);
    }
  }

  const busy = create.isPending || update.isPending;
  return (
    <FormProvider {...form}>
      <form className="panel pipeline-editor" onSubmit={form.handleSubmit(save)} noValidate
        aria-labelledby="pipeline-editor-title">
        <h2 id="pipeline-editor-title">{pipeline ? t("pipelines.editTitle", { name: pipeline.name }) : t("pipelines.newTitle")}</h2>
        {conflict ? (
          <div className="notice warning" role="alert">
            <strong>{t("pipelines.conflict")}</strong>
            <p>{t("pipelines.conflictBody")}</p>
            <button type="button" className="primary" onClick={loadTheirVersion}>{t("pipelines.reload")}</button>
          </div>
        ) : banner && <p className="notice error" role="alert">{banner}</p>}
        <div className="grid">
          <TextField label={t("pipelines.name")} {...form.register("name")} error={form.formState.errors.name?.message} />
        </div>
        <label className="check">
          <input type="checkbox" {...form.register("is_default")} disabled={pipeline?.is_default} />
          {pipeline?.is_default ? t("pipelines.isDefault") : t("pipelines.makeDefault")}
        </label>
        <StagesEditor />
        {removed.length > 0 && (
          <fieldset className="group">
            <legend>{t("pipelines.removedStages")}</legend>
            <p className="hint">{t("pipelines.removedHint")}</p>
            {removed.map((stage) => {
              const targets = values.stages.filter((s) => s.saved && s.kind === stage.kind);
              return (
                <div className="field" key={stage.id}>
                  <label htmlFor={`move-${stage.id}`}>{t("pipelines.moveDealsOf", { name: stage.name })}</label>
                  <select id={`move-${stage.id}`} {...form.register(`stage_moves.${stage.id}`)}>
                    <option value="">{t("pipelines.noDeals")}</option>
                    {targets.map((target) => <option key={target.id} value={target.id}>{target.name}</option>)}
                  </select>
                </div>
              );
            })}
          </fieldset>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t("common.saving") : pipeline ? t("common.save") : t("pipelines.create")}
          </button>
          {pipeline && (
            <button type="button" onClick={loadTheirVersion}>
              {t("common.cancel")}
            </button>
          )}
          {pipeline && !pipeline.is_default && (
            <button type="button" className="danger" onClick={() => { setDeleteError(null); setMoveTo(""); setDeleting(true); }}>
              {t("pipelines.delete")}
            </button>
          )}
        </div>
      </form>
      <ConfirmDialog open={deleting} title={t("pipelines.deleteConfirm", { name: pipeline?.name ?? "" })}
        confirmLabel={t("pipelines.delete")} danger busy={remove.isPending} error={deleteError}
        onClose={() => setDeleting(false)} onConfirm={() => void confirmDelete()}>
        <div className="field">
          <label htmlFor="delete-move-to">{t("pipelines.moveDealsTo")}</label>
          <select id="delete-move-to" value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
            <option value="">{t("pipelines.noDealsToMove")}</option>
            {others.map((other) => <option key={other.id} value={other.id}>{other.name}</option>)}
          </select>
        </div>
      </ConfirmDialog>
    </FormProvider>
  );
}
