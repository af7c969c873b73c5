import { useTranslation } from "react-i18next";
import type { CustomerStatus } from "@/api/types";

export function StatusBadge({ status }: { status: CustomerStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}
