import { draggable } from "@atlaskit/pragmatic-drag-and-drop/element/adapter";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { UserName } from "@/components/UserName";
import { formatDate, formatDateTime, formatMoney } from "@/i18n/format";
import { daysSince, nextActivityMarker, type Card } from "../logic/board";

interface Props {
  card: Card;
  stage: string;
  rottingDays: number | null;
  /** The user may move it: it can be dragged, and has a "Move" button. */
  movable: boolean;
  onMove: (card: Card) => void;
}

/** A deal on the board: title, customer, value, owner, its next activity and whether it is rotting. Dragged by a
 * pointer (native drag and drop) or moved with its "Move" button from the keyboard. */
export function DealCard({ card, stage, rottingDays, movable, onMove }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const element = useRef<HTMLElement>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    if (!movable || !element.current) return undefined;
    return draggable({
      element: element.current,
      getInitialData: () => ({ type: "deal-card", dealId: card.id, version: card.version, title: card.title, stage }),
      onDragStart: () => setDragging(true),
      onDrop: () => setDragging(false),
    });
  }, [movable, card.id, card.version, card.title, stage]);

  const marker = nextActivityMarker(card.next_activity_at);
  const titleId = `card-${card.id}-title`;
  return (
    <article ref={element} className={`deal-card${dragging ? " dragging" : ""}${card.rotting ? " rotting" : ""}`}
      aria-labelledby={titleId} data-deal={card.id}>
      <h3 id={titleId}><Link to={`/deals/${card.id}`}>{card.title}</Link></h3>
      <p className="card-customer">{card.customer_name ?? <span className="muted">{t("deals.card.noCustomer")}</span>}</p>
      <p className="card-value"><strong>{formatMoney(card.value, card.currency, language)}</strong>
        <span className="muted"> · {card.probability}%</span></p>
      <p className="card-meta">
        <span className="card-owner"><UserName uid={card.owner_id} /></span>
        {card.expected_close_date && (
          <span className="muted" title={t("deals.card.expectedClose")}>{formatDate(card.expected_close_date, language)}</span>
        )}
      </p>
      <p className="card-flags">
        <span className={`marker marker-${marker}`}
          title={card.next_activity_at ? formatDateTime(card.next_activity_at, language) : undefined}>
          {t(`deals.card.activity.${marker}`)}
        </span>
        {card.rotting && (
          <span className="marker marker-rotting">
            {t("deals.card.rotting", { days: daysSince(card.stage_entered_at), limit: rottingDays })}
          </span>
        )}
      </p>
      {movable && (
        <button type="button" className="link card-move" onClick={() => onMove(card)}
          aria-label={t("deals.card.moveLabel", { title: card.title })}>
          {t("deals.card.move")}
        </button>
      )}
    </article>
  );
}
