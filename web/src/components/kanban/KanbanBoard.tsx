import type { ReactNode } from "react";
import { useCardDrops, type CardDrag } from "./dnd";
import "./kanban.css";

interface Props {
  /** The cards' board (see dnd.ts). */
  type: string;
  label: string;
  movable: boolean;
  onDrop: (card: CardDrag, toStage: string) => void;
  children: ReactNode;
}

/** The columns side by side (a region named ``label``), watching for cards of ``type`` dropped on another column. */
export function KanbanBoard({ type, label, movable, onDrop, children }: Props) {
  useCardDrops(type, movable, onDrop);
  return <div className="board" role="region" aria-label={label}>{children}</div>;
}
