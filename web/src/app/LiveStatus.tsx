import { useTranslation } from "react-i18next";
import { useLiveStatus } from "@/live/status";

/** A dot in the top bar saying whether the open page follows other users' changes as they happen. */
export function LiveStatus() {
  const { t } = useTranslation();
  const status = useLiveStatus();
  if (status === "idle") return null;
  const label = t(`app.live.${status}`);
  return (
    <span className={`live-status live-${status}`} title={label}>
      <span aria-hidden="true" className="live-dot" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
