import { useTranslation } from "react-i18next";
import { KanbanCard } from "@/components/kanban";
import { UserName } from "@/components/UserName";
import { LEAD_CARD, type LeadCard, type LeadStage } from "../logic/leadBoard";

interface Props {
  card: LeadCard;
  stage: LeadStage;
  /** The user may move it: it can be dragged, and has its "Move…" and "Convert…" buttons. */
  movable: boolean;
  onMove: (card: LeadCard) => void;
  onConvert: (card: LeadCard) => void;
}

/** A lead on the board: name, organization, substage, priority, rating, tags, score and owner. Dragged by a pointer, or
 * moved and converted with its buttons from the keyboard. */
export function LeadCardView({ card, stage, movable, onMove, onConvert }: Props) {
  const { t } = useTranslation();
  const substage = stage.substages?.find((sub) => sub.id === card.lead_substage);
  const open = stage.kind === "open" && card.status === "lead";
  return (
    <KanbanCard drag={{ type: LEAD_CARD, id: card.id, stage: stage.id, name: card.name }} title={card.name}
      to={`/customers/${card.id}`} movable={movable && open} className="lead-card"
      actions={<>
        <button type="button" className="link" onClick={() => onMove(card)}
          aria-label={t("leads.card.moveLabel", { name: card.name })}>{t("leads.card.move")}</button>
        <button type="button" className="link" onClick={() => onConvert(card)}
          aria-label={t("leads.card.convertLabel", { name: card.name })}>{t("leads.card.convert")}</button>
      </>}>
      {card.organization && <p className="muted">{card.organization}</p>}
      {substage && <p className="lead-substage">{substage.status}</p>}
      <p className="lead-flags">
        {card.priority && (
          <span className={`marker lead-priority-${card.priority}`}>
            {t("leads.card.priority", { value: t(`leads.priority.${card.priority}`) })}
          </span>
        )}
        {card.rating && (
          <span className={`marker lead-rating-${card.rating}`}>
            {t("leads.card.rating", { value: t(`leads.rating.${card.rating}`) })}
          </span>
        )}
      </p>
      {card.tags.length > 0 && (
        <p className="lead-tags">{card.tags.map((tag) => <span key={tag} className="tag">{tag}</span>)}</p>
      )}
      <p className="lead-meta">
        <span><UserName uid={card.owner_id} /></span>
        <span className="lead-score">{card.score === null || card.score === undefined
          ? t("leads.card.noScore") : t("leads.card.score", { score: card.score })}</span>
      </p>
    </KanbanCard>
  );
}
