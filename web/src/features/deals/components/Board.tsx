import { monitorForElements } from "@atlaskit/pragmatic-drag-and-drop/element/adapter";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { useNotify } from "@/components/Toasts";
import { useMoveDeal, type BoardFilters } from "../api";
import { findCard, type Board as BoardData, type Card } from "../logic/board";
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

  const sendRef = useRef(send);
  sendRef.current = send;

  useEffect(() => {
    if (!movable) return undefined;
    return monitorForElements({
      canMonitor: ({ source }) => source.data.type === "deal-card",
      onDrop: ({ source, location }) => {
        const target = location.current.dropTargets[0];
        const toStage = target?.data.stage as string | undefined;
        const dealId = source.data.dealId as string;
        const from = source.data.stage as string;
        if (!toStage || toStage === from) return;
        // A card from a column's later pages is not in the board's first page: its drag data says enough.
        const card = findCard(latest.current, dealId)?.card
          ?? ({ id: dealId, version: source.data.version, title: source.data.title } as Card);
        const column = latest.current.columns.find((c) => c.id === toStage);
        if (column?.kind === "lost") setPending({ card, from, to: toStage });
        else sendRef.current(card, toStage);
      },
    });
  }, [movable]);

  return (
    <>
      <div className="board" role="region" aria-label={t("deals.board.label", { name: board.pipeline_name })}>
        {board.columns.map((column) => (
          <BoardColumn key={column.id} column={column} filters={filters} movable={movable} shows={shows}
            onMove={(card) => setPending({ card, from: column.id })} />
        ))}
      </div>
      <MoveDialog card={pending?.card ?? null} columns={board.columns} from={pending?.from ?? null} to={pending?.to}
        onClose={() => setPending(null)}
        onMove={(toStage, reason) => {
          if (pending) send(pending.card, toStage, reason);
          setPending(null);
        }} />
    </>
  );
}
