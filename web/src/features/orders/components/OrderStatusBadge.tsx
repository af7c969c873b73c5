import { useTranslation } from "react-i18next";
import { STATUS_TONE, type OrderStatus } from "../logic/orderFilters";

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_TONE[status]}`}>{t(`orderStatus.${status}`)}</span>;
}
