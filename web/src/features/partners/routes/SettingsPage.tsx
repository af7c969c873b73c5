import { useTranslation } from "react-i18next";
import { useAccess } from "@/auth/session";
import { ErrorState, Spinner } from "@/components/States";
import { PartnersTabs } from "../components/PartnersTabs";
import { ProgrammeSettingsForm } from "../components/ProgrammeSettingsForm";
import { SourcesPanel } from "../components/SourcesPanel";
import { useProgramme } from "../programmeApi";
import "../partners.css";

/** The programme's settings (managers read them, admins change them) and, for admins, its conversion sources. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const me = useAccess();
  const programme = useProgramme();
  const admin = me.can("admin");
  return (
    <div className="page narrow partner-screen">
      <div className="page-head"><h1>{t("partners.settings.title")}</h1></div>
      <PartnersTabs />
      {programme.isPending ? <Spinner label={t("app.loading")} />
        : programme.isError ? <ErrorState error={programme.error} onRetry={() => void programme.refetch()} />
        : <ProgrammeSettingsForm programme={programme.data} editable={admin} />}
      {admin && <SourcesPanel />}
    </div>
  );
}
