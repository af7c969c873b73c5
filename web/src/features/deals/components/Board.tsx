import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { KanbanBoard } from "@/components/kanban";
import { useNotify } from "@/components/Toasts";
import { useMoveDeal, type BoardFilters } from "../api";
import { DEAL_CARD, findCard, type Board as BoardData, type Card } from "../logic/board";
import { BoardColumn } from "./BoardColumn";
import { MoveDialog } from "./MoveDialog";

interface Props {
  board: BoardData;
  filters: BoardFilters;
  movable: boolean;
  shows: (card: Card) => boolean;
}

interface Pending {
  card: Card;
  from: string;
  /** A drop on a lost column: only the reason is still to ask. */
  to?: string;
}

/** The columns side by side. A card dropped on another column moves there at once (won: marked won; lost: after
 * the reason is given), and back with the API's reason if it refuses (e.g. someone else changed the deal). */
export function Board({ board, filters, movable, shows }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const move = useMoveDeal(filters);
  const [pending, setPending] = useState<Pending | null>(null);
  const latest = useRef(board);
  latest.current = board;

  function send(card: Card, toStage: string, reason?: string) {
    const target = latest.current.columns.find((column) => column.id === toStage);
    move.mutate({ dealId: card.id, version: card.version, toStage, reason }, {
      onSuccess: () => notify(t(target?.kind === "won" ? "deals.board.won" : target?.kind === "lost"
        ? "deals.board.lost" : "deals.board.moved", { title: card.title, stage: target?.name ?? toStage })),
      onError: (error) => notify(t("deals.board.refused", { title: card.title, reason: toUserError(error, t).message }),
        { tone: "error" }),
    });
  }

  return (
    <>
      <KanbanBoard type={DEAL_CARD} label={t("deals.board.label", { name: board.pipeline_name })} movable={movable}
        onDrop={(dragged, toStage) => {
          // A card from a column's later pages is not in the board's first page: its drag data says enough.
          const card = findCard(latest.current, dragged.id)?.card
            ?? ({ id: dragged.id, version: dragged.version, title: dragged.title } as Card);
          const column = latest.current.columns.find((c) => c.id === toStage);
          if (column?.kind === "lost") setPending({ card, from: dragged.stage, to: toStage });
          else send(card, toStage);
        }}>
        {board.columns.map((column) => (
          <BoardColumn key={column.id} column={column} filters={filters} movable={movable} shows={shows}
            onMove={(card) => setPending({ card, from: column.id })} />
        ))}
      </KanbanBoard>
      <MoveDialog card={pending?.card ?? null} columns={board.columns} from={pending?.from ?? null} to={pending?.to}
        onClose={() => setPending(null)}
        onMove={(toStage, reason) => {
          if (pending) send(pending.card, toStage, reason);
          setPending(null);
        }} />
    </>
  );
}
