import { useTranslation } from "react-i18next";
import { Navigate, useSearchParams } from "react-router";
import { useAccess } from "@/auth/session";
import { ErrorState, Spinner } from "@/components/States";
import { useRowNavigation } from "@/components/useRowNavigation";
import { usePipelines } from "../api";
import { PipelineEditor } from "../components/PipelineEditor";
import "../pipelines.css";

/** The admin's pipelines: the list, and the chosen one (or a new one) in the editor. */
export default function PipelinesPage() {
  const { t } = useTranslation();
  const me = useAccess();
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const all = pipelines.data?.results ?? [];
  const navigation = useRowNavigation(all.length);
  if (!me.can("admin")) return <Navigate to="/customers" replace />;
  const chosenId = params.get("id") ?? all.find((p) => p.is_default)?.id ?? "";
  const creating = params.get("id") === "new";
  const chosen = all.find((p) => p.id === chosenId);
  const choose = (id: string) => setParams(id ? { id } : {}, { replace: true });

  return (
    <div className="page pipelines-page">
      <div className="page-head">
        <h1>{t("pipelines.title")}</h1>
        <button type="button" className="primary" onClick={() => choose("new")}>{t("pipelines.new")}</button>
      </div>
      {pipelines.isPending ? <Spinner label={t("app.loading")} />
        : pipelines.isError ? <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />
          : (
            <div className="pipelines-layout">
              <table className="data-table pipelines-list" aria-label={t("pipelines.list")}>
                <thead>
                  <tr>
                    <th scope="col">{t("pipelines.name")}</th>
                    <th scope="col" className="num">{t("pipelines.stageCount")}</th>
                  </tr>
                </thead>
                <tbody {...navigation.bodyProps}>
                  {all.map((pipeline, index) => (
                    <tr key={pipeline.id} {...navigation.rowProps(index)}
                      aria-current={!creating && pipeline.id === chosenId ? "true" : undefined}>
                      <th scope="row">
                        <a href={`?id=${pipeline.id}`} onClick={(e) => { e.preventDefault(); choose(pipeline.id); }}>
                          {pipeline.name}
                        </a>
                        {pipeline.is_default && <span className="tag">{t("pipelines.default")}</span>}
                      </th>
                      <td className="num">{pipeline.stages.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <PipelineEditor key={creating ? "new" : chosen?.id ?? "none"} pipeline={creating ? undefined : chosen}
                others={all.filter((p) => p.id !== chosen?.id)}
                onSaved={(saved) => choose(saved.id)} onDeleted={() => choose("")} />
            </div>
          )}
    </div>
  );
}
