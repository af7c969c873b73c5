import { useTranslation } from "react-i18next";
import { KanbanCard } from "@/components/kanban";
import { UserName } from "@/components/UserName";
import { formatDate, formatDateTime, formatMoney } from "@/i18n/format";
import { DEAL_CARD, daysSince, nextActivityMarker, type Card } from "../logic/board";

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
  const marker = nextActivityMarker(card.next_activity_at);
  return (
    <KanbanCard drag={{ type: DEAL_CARD, id: card.id, stage, version: card.version, title: card.title }}
      title={card.title} to={`/deals/${card.id}`} movable={movable}
      className={`deal-card${card.rotting ? " rotting" : ""}`}
      actions={
        <button type="button" className="link" onClick={() => onMove(card)}
          aria-label={t("deals.card.moveLabel", { title: card.title })}>
          {t("deals.card.move")}
        </button>
      }>
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
    </KanbanCard>
  );
}
