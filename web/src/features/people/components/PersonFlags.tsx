import { useTranslation } from "react-i18next";
import type { Person } from "../api";

/** The person's flags as small badges: primary, do not call, no emails. */
export function PersonFlags({ person }: { person: Pick<Person, "primary" | "do_not_call" | "email_opt_out"> }) {
  const { t } = useTranslation();
  return (
    <span className="person-flags">
      {person.primary && <span className="badge flag-primary">{t("people.flag.primary")}</span>}
      {person.do_not_call && <span className="badge flag-warn">{t("people.flag.doNotCall")}</span>}
      {person.email_opt_out && <span className="badge flag-warn">{t("people.flag.emailOptOut")}</span>}
    </span>
  );
}

export function OwnerName({ uid, me }: { uid: string | null | undefined; me: string }) {
  const { t } = useTranslation();
  if (!uid) return <span className="muted">{t("common.none")}</span>;
  return <span title={uid}>{uid === me ? t("common.you") : uid}</span>;
}
