/** The deals board's move dialog: the other stages; a lost stage asks for the reason (components/kanban). */
import { useTranslation } from "react-i18next";
import { MoveDialog as KanbanMoveDialog } from "@/components/kanban";
import type { Card, Column } from "../logic/board";

interface Props {
  card: Card | null;
  columns: Column[];
  /** Where the card is now. */
  from: string | null;
  /** Chosen already (a drop on a lost column): only the reason is asked. */
  to?: string | null;
  onMove: (toStage: string, reason?: string) => void;
  onClose: () => void;
}

export function MoveDialog({ card, columns, from, to, onMove, onClose }: Props) {
  const { t } = useTranslation();
  const title = card?.title ?? "";
  const targets = columns.filter((column) => column.id !== from).map((column) => ({
    value: column.id,
    label: `${column.name}${column.kind !== "open" ? ` (${t(`deals.kind.${column.kind}`)})` : ""}`,
    needsReason: column.kind === "lost",
  }));
  return (
    <KanbanMoveDialog open={!!card} targets={targets} chosen={to} onMove={onMove} onClose={onClose} texts={{
      title: t("deals.move.title", { title }), reasonTitle: t("deals.move.lostTitle", { title }),
      target: t("deals.move.stage"), reason: t("deals.move.reason"), confirm: t("deals.move.confirm"),
      confirmWithReason: t("deals.move.markLost"),
    }} />
  );
}
