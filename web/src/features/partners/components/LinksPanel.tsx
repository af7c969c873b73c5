import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { usePartnerLinks } from "../linksApi";
import { LinkRow } from "./LinkRow";
import { NewLinkForm } from "./NewLinkForm";

/** A partner's tracked links; managers and admins add, change and stop them. */
export function LinksPanel({ partnerId, manages }: { partnerId: string; manages: boolean }) {
  const { t } = useTranslation();
  const links = usePartnerLinks(partnerId);
  const columns = manages ? 5 : 4;
  return (
    <section className="panel" aria-labelledby="links-title">
      <h2 id="links-title">{t("partners.links")}</h2>
      {manages && (
        <details className="add-panel">
          <summary>{t("partners.newLink")}</summary>
          <NewLinkForm partnerId={partnerId} />
        </details>
      )}
      {links.isPending ? <Spinner label={t("app.loading")} />
        : links.isError ? <ErrorState error={links.error} onRetry={() => void links.refetch()} />
        : links.data.results.length === 0 ? <EmptyState><p>{t("partners.noLinks")}</p></EmptyState>
        : (
          <div className="table-scroll">
            <table className="data-table" aria-label={t("partners.links")}>
              <thead>
                <tr>
                  <th scope="col">{t("partners.trackedUrl")}</th>
                  <th scope="col" className="col-wide">{t("partners.destination")}</th>
                  <th scope="col" className="col-wide">{t("partners.campaign")}</th>
                  <th scope="col">{t("partners.status")}</th>
                  {manages && <th scope="col">{t("partners.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {links.data.results.map((link) => (
                  <LinkRow key={link.id} link={link} manages={manages} columns={columns} />
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}
