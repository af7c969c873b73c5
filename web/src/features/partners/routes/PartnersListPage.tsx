import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAccess } from "@/auth/session";
import { SelectField } from "@/components/fields";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { usePartnerList, type PartnerStatus } from "../api";
import { NewPartnerForm } from "../components/NewPartnerForm";
import { PartnersTabs } from "../components/PartnersTabs";
import { usePlans } from "../programmeApi";
import "../partners.css";
import { LoadMore } from "@/components/LoadMore";

export default function PartnersListPage() {
  const { t } = useTranslation();
  const me = useAccess();
  const manages = me.can("partner_management");
  const [status, setStatus] = useState<PartnerStatus | "all">("all");
  const list = usePartnerList(status);
  const plans = usePlans(manages);
  const planName = (id: string | null) =>
    id ? plans.data?.results.find((plan) => plan.id === id)?.name ?? "" : t("partners.noPlanShort");
  const partners = list.data?.pages.flatMap((page) => page.results) ?? [];
  const first = list.data?.pages[0];

  return (
    <div className="page list-page partner-screen">
      <div className="page-head">
        <h1>{t("partners.title")}</h1>
      </div>
      <PartnersTabs />
      {manages && (
        <details className="panel">
          <summary>{t("partners.add")}</summary>
          <NewPartnerForm />
        </details>
      )}
      {manages && (
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <SelectField label={t("partners.show")} value={status}
            onChange={(e) => setStatus(e.target.value as PartnerStatus | "all")}
            options={[{ value: "all", label: t("partners.showAll") },
              { value: "active", label: t("partners.showActive") },
              { value: "archived", label: t("partners.showArchived") }]} />
        </form>
      )}
      <p className="count" role="status" aria-live="polite">
        {first && t("partners.count", { count: first.total })}
      </p>
      {list.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : partners.length === 0 ? (
        <EmptyState><p>{t("partners.empty")}</p></EmptyState>
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table" aria-label={t("partners.title")}>
              <thead>
                <tr>
                  <th scope="col">{t("partners.name")}</th>
                  <th scope="col" className="col-wide">{t("partners.company")}</th>
                  <th scope="col" className="col-wide">{t("partners.email")}</th>
                  {manages && <th scope="col" className="col-wide">{t("partners.plan")}</th>}
                  <th scope="col">{t("partners.status")}</th>
                </tr>
              </thead>
              <tbody>
                {partners.map((partner) => (
                  <tr key={partner.id}>
                    <td><Link to={`/partners/${partner.id}`}>{partner.name}</Link></td>
                    <td className="col-wide">{partner.company ?? ""}</td>
                    <td className="col-wide">{partner.email ?? ""}</td>
                    {manages && <td className="col-wide">{planName(partner.plan_id)}</td>}
                    <td>{t(`partners.statuses.${partner.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore pages={list} />
        </>
      )}
    </div>
  );
}
