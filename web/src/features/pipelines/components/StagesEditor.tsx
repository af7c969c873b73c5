import { useFieldArray, useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { errorAt } from "@/components/fields";
import { newStage, type PipelineFormValues } from "../logic/pipelineForm";

/** The stages in order: name, probability, colour, kind, rotting days; move up and down, add, remove. */
export function StagesEditor() {
  const { t } = useTranslation();
  const { register, control, watch, formState: { errors } } = useFormContext<PipelineFormValues>();
  const stages = useFieldArray({ control, name: "stages", keyName: "key" });
  const values = watch("stages");
  const error = (path: string) => errorAt(errors, path);

  return (
    <fieldset className="group stages-editor">
      <legend>{t("pipelines.stages")}</legend>
      {error("stages") && <p className="error-text" role="alert">{error("stages")}</p>}
      <div className="stages-scroll">
        <table className="data-table stages-table" aria-label={t("pipelines.stages")}>
          <thead>
            <tr>
              <th scope="col">{t("pipelines.order")}</th>
              <th scope="col">{t("pipelines.stageName")}</th>
              <th scope="col">{t("pipelines.probability")}</th>
              <th scope="col">{t("pipelines.color")}</th>
              <th scope="col">{t("pipelines.kind")}</th>
              <th scope="col">{t("pipelines.rottingDays")}</th>
              <th scope="col"><span className="visually-hidden">{t("pipelines.stageActions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {stages.fields.map((field, index) => {
              const stage = values[index];
              const label = stage?.name || t("pipelines.stageN", { n: index + 1 });
              const cell = (name: string) => ({
                "aria-invalid": error(`stages.${index}.${name}`) ? true : undefined,
                "aria-describedby": error(`stages.${index}.${name}`) ? `stage-${index}-${name}-error` : undefined,
              });
              const message = (name: string) => error(`stages.${index}.${name}`) && (
                <small id={`stage-${index}-${name}-error`} className="error-text">{error(`stages.${index}.${name}`)}</small>
              );
              return (
                <tr key={field.key}>
                  <td className="num">{index + 1}</td>
                  <td>
                    <input aria-label={t("pipelines.stageNameOf", { n: index + 1 })} {...register(`stages.${index}.name`)}
                      {...cell("name")} />
                    {stage?.saved && <small className="hint">{t("pipelines.stageId", { id: stage.id })}</small>}
                    {message("name")}{message("id")}
                  </td>
                  <td>
                    <input type="number" min={0} max={100} aria-label={t("pipelines.probabilityOf", { name: label })}
                      {...register(`stages.${index}.probability`)} {...cell("probability")} />
                    {message("probability")}
                  </td>
                  <td>
                    <input type="color" aria-label={t("pipelines.colorOf", { name: label })}
                      {...register(`stages.${index}.color`)} {...cell("color")} />
                    {message("color")}
                  </td>
                  <td>
                    <select aria-label={t("pipelines.kindOf", { name: label })} {...register(`stages.${index}.kind`)}
                      {...cell("kind")}>
                      {(["open", "won", "lost"] as const).map((kind) => (
                        <option key={kind} value={kind}>{t(`pipelines.kinds.${kind}`)}</option>
                      ))}
                    </select>
                    {message("kind")}
                  </td>
                  <td>
                    <input type="number" min={1} max={365} aria-label={t("pipelines.rottingDaysOf", { name: label })}
                      disabled={stage?.kind !== "open"} placeholder={t("pipelines.never")}
                      {...register(`stages.${index}.rotting_days`)} {...cell("rotting_days")} />
                    {message("rotting_days")}
                  </td>
                  <td className="stage-buttons">
                    <button type="button" className="link" disabled={index === 0}
                      aria-label={t("pipelines.moveUp", { name: label })} onClick={() => stages.move(index, index - 1)}>↑</button>
                    <button type="button" className="link" disabled={index === stages.fields.length - 1}
                      aria-label={t("pipelines.moveDown", { name: label })} onClick={() => stages.move(index, index + 1)}>↓</button>
                    <button type="button" className="link" aria-label={t("pipelines.removeStage", { name: label })}
                      onClick={() => stages.remove(index)}>{t("common.remove")}</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="button" onClick={() => stages.append(newStage())}>{t("pipelines.addStage")}</button>
    </fieldset>
  );
}
