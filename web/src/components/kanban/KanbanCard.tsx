import { useRef, type ReactNode } from "react";
import { Link } from "react-router";
import { useDraggableCard, type CardDrag } from "./dnd";

interface Props {
  /** What a drop needs of the card (its board's type, id, column...). */
  drag: CardDrag;
  title: string;
  to: string;
  /** The user may move it: it can be dragged, and shows ``actions`` (its keyboard way to the same moves). */
  movable: boolean;
  className?: string;
  actions?: ReactNode;
  children: ReactNode;
}

/** A card on a board, named by its title (a link to its page): dragged by a pointer, or moved with its buttons. */
export function KanbanCard({ drag, title, to, movable, className = "", actions, children }: Props) {
  const element = useRef<HTMLElement>(null);
  const dragging = useDraggableCard(element, movable, drag);
  const titleId = `card-${drag.type}-${drag.id}-title`;
  return (
    <article ref={element} className={`board-card ${className}${dragging ? " dragging" : ""}`}
      aria-labelledby={titleId} data-card={drag.id}>
      <h3 id={titleId}><Link to={to}>{title}</Link></h3>
      {children}
      {movable && actions && <div className="card-actions">{actions}</div>}
    </article>
  );
}
