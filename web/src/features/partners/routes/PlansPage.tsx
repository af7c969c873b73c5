import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { PartnersTabs } from "../components/PartnersTabs";
import { PlanForm } from "../components/PlanForm";
import { PlanRow } from "../components/PlanRow";
import { usePlans } from "../programmeApi";
import "../partners.css";

/** Commission plans (managers and admins): what partners earn per sign-up and per purchase. */
export default function PlansPage() {
  const { t } = useTranslation();
  const plans = usePlans();
  // A first row to fill in; any currency may be typed there.
  const currency = "EUR";
  return (
    <div className="page list-page partner-screen">
      <div className="page-head"><h1>{t("partners.plans.title")}</h1></div>
      <PartnersTabs />
      <details className="panel">
        <summary>{t("partners.plans.add")}</summary>
        <PlanForm currency={currency} />
      </details>
      {plans.isPending ? <Spinner label={t("app.loading")} />
        : plans.isError ? <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />
        : plans.data.results.length === 0 ? <EmptyState><p>{t("partners.plans.empty")}</p></EmptyState>
        : (
          <div className="table-scroll">
            <table className="data-table" aria-label={t("partners.plans.title")}>
              <thead>
                <tr>
                  <th scope="col" style={{ width: "30%" }}>{t("partners.plans.name")}</th>
                  <th scope="col">{t("partners.plans.rules")}</th>
                  <th scope="col" style={{ width: "6rem" }}>{t("partners.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {plans.data.results.map((plan) => <PlanRow key={plan.id} plan={plan} currency={currency} />)}
              </tbody>
            </table>
          </div>
        )}
    </div>
  );
}
