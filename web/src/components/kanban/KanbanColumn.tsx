import { useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "@/i18n/format";
import { useDropColumn } from "./dnd";

interface Props {
  /** The cards' board (see dnd.ts). */
  type: string;
  stage: string;
  name: string;
  kind: "open" | "won" | "lost";
  color: string;
  count: number;
  movable: boolean;
  /** Under the heading: the column's figures and hints. */
  head?: ReactNode;
  /** Shown instead of cards when the column holds none. */
  empty: string;
  /** After the cards: a "Show more" button. */
  footer?: ReactNode;
  children: ReactNode;
}

/** One stage of a board: its name and count, what the board shows under them, its cards; a drop target for cards
 * from other columns. */
export function KanbanColumn({ type, stage, name, kind, color, count, movable, head, empty, footer, children }: Props) {
  const { i18n } = useTranslation();
  const element = useRef<HTMLElement>(null);
  const over = useDropColumn(element, movable, type, stage);
  const headingId = `column-${type}-${stage}`;
  return (
    <section ref={element} className={`board-column kind-${kind}${over ? " drop-over" : ""}`}
      aria-labelledby={headingId} data-stage={stage} style={{ borderTopColor: color }}>
      <header className="column-head">
        <h2 id={headingId}>
          {name} <span className="column-count">{formatNumber(count, i18n.resolvedLanguage ?? "en")}</span>
        </h2>
        {head}
      </header>
      <div className="column-cards">
        {children}
        {count === 0 && <p className="muted column-empty">{empty}</p>}
      </div>
      {footer}
    </section>
  );
}
