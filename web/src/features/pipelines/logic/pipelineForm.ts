/** The pipeline editor's values to and from the API: stages in order, each with its id (new ones take one made from
 * their name), and where the deals of each removed stage go. */
import type { Pipeline, PipelineCreate, PipelineUpdate } from "../api";

export type StageKind = "open" | "won" | "lost";

export interface StageValues {
  id: string;
  /** The stage exists on the server (its id is fixed). */
  saved: boolean;
  name: string;
  probability: string;
  color: string;
  kind: StageKind;
  rotting_days: string;
}

export interface PipelineFormValues {
  name: string;
  is_default: boolean;
  stages: StageValues[];
  /** Removed stage id -> the kept stage its deals move to ("" = it holds none). */
  stage_moves: Record<string, string>;
}

export const PIPELINE_FORM_FIELDS = [
  "name", "is_default", "stages", "stages.*.id", "stages.*.name", "stages.*.probability", "stages.*.color",
  "stages.*.kind", "stages.*.rotting_days", "stage_moves",
] as const;

export function toFormValues(pipeline?: Pipeline): PipelineFormValues {
  if (!pipeline) {
    return {
      name: "", is_default: false, stage_moves: {},
      stages: [newStage("Lead", "open", 20), newStage("Proposal", "open", 60), newStage("Won", "won", 100),
        newStage("Lost", "lost", 0)],
    };
  }
  return {
    name: pipeline.name,
    is_default: pipeline.is_default,
    stage_moves: {},
    stages: pipeline.stages.map((stage) => ({
      id: stage.id, saved: true, name: stage.name, probability: String(stage.probability), color: stage.color,
      kind: stage.kind, rotting_days: stage.rotting_days ? String(stage.rotting_days) : "",
    })),
  };
}

export function newStage(name = "", kind: StageKind = "open", probability = 50): StageValues {
  return { id: "", saved: false, name, probability: String(probability), color: "#9e9e9e", kind, rotting_days: "" };
}

/** A stage id from a name: lower-case letters and digits, joined by "_" (Greek letters become Latin ones). */
export function stageIdFrom(name: string, taken: string[]): string {
  const latin = name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[α-ω]/g, (c) => GREEK[c] ?? "");
  const base = (latin.replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "stage").slice(0, 36);
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}_${n}`;
  return id;
}

const GREEK: Record<string, string> = {
  α: "a", β: "v", γ: "g", δ: "d", ε: "e", ζ: "z", η: "i", θ: "th", ι: "i", κ: "k", λ: "l", μ: "m", ν: "n", ξ: "x",
  ο: "o", π: "p", ρ: "r", σ: "s", ς: "s", τ: "t", υ: "y", φ: "f", χ: "ch", ψ: "ps", ω: "o",
};

function stagesOf(values: PipelineFormValues) {
  const taken = values.stages.filter((s) => s.id).map((s) => s.id);
  return values.stages.map((stage) => {
    const id = stage.id || stageIdFrom(stage.name, taken);
    if (!stage.id) taken.push(id);
    return {
      id, name: stage.name.trim(), probability: Number(stage.probability), color: stage.color, kind: stage.kind,
      rotting_days: stage.kind === "open" && stage.rotting_days.trim() ? Number(stage.rotting_days) : null,
    };
  });
}

export function toCreate(values: PipelineFormValues): PipelineCreate {
  return { name: values.name.trim(), is_default: values.is_default, stages: stagesOf(values) } as PipelineCreate;
}

/** The saved stages that the form no longer holds. */
export function removedStages(values: PipelineFormValues, pipeline: Pipeline): Pipeline["stages"] {
  const kept = new Set(values.stages.filter((s) => s.saved).map((s) => s.id));
  return pipeline.stages.filter((stage) => !kept.has(stage.id));
}

export function toUpdate(values: PipelineFormValues, pipeline: Pipeline): Partial<PipelineUpdate> {
  const body: Partial<PipelineUpdate> = {};
  if (values.name.trim() !== pipeline.name) body.name = values.name.trim();
  if (values.is_default && !pipeline.is_default) body.is_default = true;
  const stages = stagesOf(values);
  const same = JSON.stringify(stages) === JSON.stringify(pipeline.stages.map((s) => ({
    id: s.id, name: s.name, probability: s.probability, color: s.color, kind: s.kind, rotting_days: s.rotting_days ?? null,
  })));
  if (!same) {
    body.stages = stages as PipelineUpdate["stages"];
    const moves = Object.fromEntries(Object.entries(values.stage_moves)
      .filter(([from, to]) => to && removedStages(values, pipeline).some((s) => s.id === from)));
    if (Object.keys(moves).length) body.stage_moves = moves;
  }
  return body;
}
