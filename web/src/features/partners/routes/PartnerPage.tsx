import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useAccess } from "@/auth/session";
import { ErrorState, Spinner } from "@/components/States";
import { usePartner } from "../api";
import { CommissionsPanel } from "../components/CommissionsPanel";
import { EditPartnerForm } from "../components/EditPartnerForm";
import { FiguresPanel } from "../components/FiguresPanel";
import { LinksPanel } from "../components/LinksPanel";
import { PartnerStatusButton } from "../components/PartnerStatusButton";
import { PayoutsPanel } from "../components/PayoutsPanel";
import { WalletsPanel } from "../components/WalletsPanel";
import "../partners.css";

/** One partner: wallets, figures, links, commissions and payouts; managers and admins also edit, archive and pay. */
export default function PartnerPage() {
  const { t } = useTranslation();
  const me = useAccess();
  const { partnerId = "" } = useParams();
  const partner = usePartner(partnerId);
  const manages = me.can("partner_management");

  if (partner.isPending) return <div className="page"><Spinner label={t("app.loading")} /></div>;
  if (partner.isError) {
    return <div className="page"><ErrorState error={partner.error} onRetry={() => void partner.refetch()} /></div>;
  }
  const record = partner.data;
  return (
    <div className="page partner-page partner-screen">
      <p><Link to="/partners">← {t("partners.back")}</Link></p>
      <header className="customer-head">
        <div>
          <h1>{record.name}</h1>
          <p className="facts">
            {[record.company, record.email, t(`partners.statuses.${record.status}`)].filter(Boolean).join(" · ")}
          </p>
        </div>
        {manages && <PartnerStatusButton partner={record} />}
      </header>
      {manages && (
        <details className="panel">
          <summary>{t("partners.edit")}</summary>
          <EditPartnerForm key={record.id} partner={record} reload={async () => (await partner.refetch()).data} />
        </details>
      )}
      <WalletsPanel partnerId={partnerId} manages={manages} />
      <FiguresPanel partnerId={partnerId} />
      <LinksPanel partnerId={partnerId} manages={manages} />
      <CommissionsPanel partnerId={partnerId} manages={manages} />
      <PayoutsPanel partnerId={partnerId} manages={manages} />
    </div>
  );
}
