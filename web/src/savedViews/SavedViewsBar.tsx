/** Saved views of a list: pick one to apply it, save what the screen shows as a new view (private, or shared by a
 * manager or admin), update or delete one's own. Every reader may keep private views: they are settings of the
 * screen, not CRM records. */
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { useNotify } from "@/components/Toasts";
import {
  compact, sameState, useChangeView, useDeleteView, useSaveView, useSavedViews, type SavedView, type ViewResource,
  type ViewState,
} from "./api";
import "./savedViews.css";

interface Props {
  resource: ViewResource;
  /** What the screen shows now, as a view's state. */
  current: ViewState;
  onApply: (state: ViewState) => void;
}

export function SavedViewsBar({ resource, current, onApply }: Props) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const views = useSavedViews(resource);
  const change = useChangeView(resource);
  const remove = useDeleteView(resource);
  const [chosenId, setChosenId] = useState("");
  const [dialog, setDialog] = useState<"save" | "delete" | null>(null);
  const id = useId();
  const all = views.data?.results ?? [];
  const chosen = all.find((view) => view.id === chosenId);
  const mine = all.filter((view) => view.owner_id === me.uid);
  const shared = all.filter((view) => view.owner_id !== me.uid);
  const changed = chosen ? !sameState(chosen.state as ViewState, current) : false;

  function apply(viewId: string) {
    setChosenId(viewId);
    const view = all.find((v) => v.id === viewId);
    if (view) onApply(compact(view.state as ViewState));
  }

  async function update(view: SavedView) {
    try {
      await change.mutateAsync({ view, state: compact(current) });
      notify(t("views.updated", { name: view.name }));
    } catch (error) {
      notify(toUserError(error, t).message, { tone: "error" });
    }
  }

  return (
    <div className="saved-views" role="group" aria-label={t("views.group")}>
      <label htmlFor={`${id}-view`}>{t("views.label")}</label>
      <select id={`${id}-view`} value={chosenId} onChange={(e) => apply(e.target.value)}>
        <option value="">{views.isPending ? t("app.loading") : t("views.none")}</option>
        {mine.length > 0 && (
          <optgroup label={t("views.mine")}>
            {mine.map((view) => (
              <option key={view.id} value={view.id}>
                {view.name}{view.visibility === "shared" ? ` (${t("views.sharedMark")})` : ""}
              </option>
            ))}
          </optgroup>
        )}
        {shared.length > 0 && (
          <optgroup label={t("views.shared")}>
            {shared.map((view) => <option key={view.id} value={view.id}>{view.name}</option>)}
          </optgroup>
        )}
      </select>
      {chosen && changed && <span className="muted">{t("views.changed")}</span>}
      {chosen && chosen.owner_id === me.uid && changed && (
        <button type="button" disabled={change.isPending} onClick={() => void update(chosen)}>
          {t("views.update", { name: chosen.name })}
        </button>
      )}
      <button type="button" onClick={() => setDialog("save")}>{t("views.save")}</button>
      {chosen && chosen.owner_id === me.uid && (
        <button type="button" className="danger" onClick={() => setDialog("delete")}>
          {t("views.delete", { name: chosen.name })}
        </button>
      )}
      <SaveViewDialog open={dialog === "save"} resource={resource} state={current} mayShare={me.assigns_owners}
        onClose={() => setDialog(null)} onSaved={(view) => { setChosenId(view.id); setDialog(null); }} />
      <ConfirmDialog open={dialog === "delete"} title={t("views.deleteConfirm", { name: chosen?.name ?? "" })}
        confirmLabel={t("views.deleteShort")} danger busy={remove.isPending}
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          if (!chosen) return;
          try {
            await remove.mutateAsync(chosen);
            setChosenId("");
            setDialog(null);
          } catch (error) {
            notify(toUserError(error, t).message, { tone: "error" });
          }
        }} />
    </div>
  );
}

interface DialogProps {
  open: boolean;
  resource: ViewResource;
  state: ViewState;
  mayShare: boolean;
  onClose: () => void;
  onSaved: (view: SavedView) => void;
}

function SaveViewDialog({ open, resource, state, mayShare, onClose, onSaved }: DialogProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSaveView(resource);
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setName("");
      setShared(false);
      setError(null);
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    try {
      const view = await save.mutateAsync({ name: name.trim(), visibility: shared ? "shared" : "private",
        state: compact(state) });
      notify(t("views.saved", { name: view.name }));
      onSaved(view);
    } catch (failure) {
      const shown = toUserError(failure, t, ["name", "visibility"]);
      setError(shown.fields.name ?? shown.fields.visibility ?? shown.message);
    }
  }

  return (
    <dialog ref={ref} aria-labelledby={`${id}-title`} onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{t("views.saveTitle")}</h2>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t("views.name")}</label>
          <input id={`${id}-name`} value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} />
        </div>
        {mayShare && (
          <label className="check">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
            {t("views.share")}
          </label>
        )}
        {error && <p className="error-text" role="alert">{error}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending || !name.trim()}>{t("views.saveShort")}</button>
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
        </div>
      </form>
    </dialog>
  );
}
