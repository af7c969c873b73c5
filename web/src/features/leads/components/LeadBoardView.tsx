import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { KanbanBoard, MoveDialog, type MoveTarget } from "@/components/kanban";
import { useNotify } from "@/components/Toasts";
import { useMarkLeadLost, useMoveLead } from "../api";
import {
  findLead, LEAD_CARD, openPlaces, placeOf, placeValue, scoreIn, type LeadBoard, type LeadBoardFilters, type LeadCard,
  type Place,
} from "../logic/leadBoard";
import ConvertDialog from "./ConvertDialog";
import { LeadColumnView } from "./LeadColumnView";

interface Props {
  board: LeadBoard;
  filters: LeadBoardFilters;
  movable: boolean;
  shows: (card: LeadCard) => boolean;
}

interface Pending {
  card: Pick<LeadCard, "id" | "name"> & Partial<LeadCard>;
  /** A drop on a lost column: only the reason is still to ask. */
  lostStage?: string;
}

/** The lead pipeline's columns side by side. A lead dropped on an open column moves there at once (its score
 * follows) and back with the API's reason if it refuses; dropped on the converted column it is converted into a
 * deal (the dialog asks where), on a lost column it is marked lost (after the reason is given). */
export function LeadBoardView({ board, filters, movable, shows }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const move = useMoveLead(filters);
  const lose = useMarkLeadLost();
  const [pending, setPending] = useState<Pending | null>(null);
  const [converting, setConverting] = useState<Pending["card"] | null>(null);
  const latest = useRef(board);
  latest.current = board;

  const stageOf = (id: string) => latest.current.columns.find((column) => column.stage.id === id)?.stage;
  const placeName = (place: Place) => {
    const stage = stageOf(place.stage);
    const sub = stage?.substages?.find((s) => s.id === place.substage);
    return sub ? `${stage?.name} · ${sub.status}` : stage?.name ?? place.stage;
  };
  const refused = (name: string) => (error: unknown) =>
    notify(t("leads.board.refused", { name, reason: toUserError(error, t).message }), { tone: "error" });

  function send(card: Pending["card"], value: string, reason?: string) {
    const place = placeOf(value);
    const kind = stageOf(place.stage)?.kind;
    if (kind === "won") return setConverting(card);
    if (kind === "lost") {
      return lose.mutate({ customerId: card.id, reason: reason ?? "" }, {
        onSuccess: () => notify(t("leads.board.lost", { name: card.name })),
        onError: refused(card.name),
      });
    }
    move.mutate({ customerId: card.id, to: place }, {
      onSuccess: () => notify(t("leads.board.moved", { name: card.name, place: placeName(place) })),
      onError: refused(card.name),
    });
  }

  const targetsFor = (card: Pending["card"]): MoveTarget[] => {
    const here = { stage: card.lead_stage ?? "", substage: card.lead_substage ?? null };
    return [
      ...openPlaces(board, here).map(({ place, stage }) => {
        const score = scoreIn(stage, place.substage);
        return { value: placeValue(place), label: `${placeName(place)} (${t("leads.card.score", { score })})` };
      }),
      ...board.columns.filter((column) => column.stage.kind !== "open").map(({ stage }) => ({
        value: stage.id, label: `${stage.name} (${t(`leads.kind.${stage.kind}`)})`, needsReason: stage.kind === "lost",
      })),
    ];
  };

  return (
    <>
      <KanbanBoard type={LEAD_CARD} label={t("leads.board.label", { name: board.pipeline.name })} movable={movable}
        onDrop={(dragged, toStage) => {
          const card = findLead(latest.current, dragged.id)?.card
            ?? { id: dragged.id, name: String(dragged.name ?? ""), lead_stage: dragged.stage };
          const kind = stageOf(toStage)?.kind;
          if (kind === "lost") setPending({ card, lostStage: toStage });
          else send(card, toStage);
        }}>
        {board.columns.map((column) => (
          <LeadColumnView key={column.stage.id} column={column} filters={filters} movable={movable} shows={shows}
            onMove={(card) => setPending({ card })} onConvert={(card) => setConverting(card)} />
        ))}
      </KanbanBoard>
      <MoveDialog open={!!pending} targets={pending ? targetsFor(pending.card) : []} chosen={pending?.lostStage}
        onClose={() => setPending(null)}
        onMove={(value, reason) => {
          if (pending) send(pending.card, value, reason);
          setPending(null);
        }}
        texts={{
          title: t("leads.move.title", { name: pending?.card.name ?? "" }),
          reasonTitle: t("leads.move.lostTitle", { name: pending?.card.name ?? "" }),
          target: t("leads.move.target"), reason: t("leads.move.reason"), confirm: t("leads.move.confirm"),
          confirmWithReason: t("leads.move.markLost"),
        }} />
      <ConvertDialog lead={converting} onClose={() => setConverting(null)} />
    </>
  );
}
