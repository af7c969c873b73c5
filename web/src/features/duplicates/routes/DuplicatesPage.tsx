import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, unwrap } from "@/api/client";
import { useAccess } from "@/auth/session";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { useDuplicates, useMerge, type DuplicatePair } from "../api";
import { MergeDialog } from "../components/MergeDialog";
import "../duplicates.css";
import { LoadMore } from "@/components/LoadMore";

/** Likely duplicates, in pairs with the reasons, for managers and admins; each can be merged after a preview. */
export default function DuplicatesPage() {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const navigate = useNavigate();
  const pairs = useDuplicates();
  const merge = useMerge();
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  const rates = useQuery({
    queryKey: ["settings", "currency-rates"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/settings/currency-rates", { signal })),
    staleTime: 60 * 60_000,
  });
  if (!me.assigns_owners) {
    return <div className="page"><h1>{t("duplicates.title")}</h1><p>{t("duplicates.forManagers")}</p></div>;
  }
  const results = pairs.data?.pages.flatMap((page) => page.results) ?? [];
  return (
    <div className="page duplicates-page">
      <h1>{t("duplicates.title")}</h1>
      <p className="muted">{t("duplicates.intro")}</p>
      {pairs.isPending ? <Spinner label={t("app.loading")} />
        : pairs.isError ? <ErrorState error={pairs.error} onRetry={() => void pairs.refetch()} />
          : results.length === 0 ? <EmptyState>{t("duplicates.none")}</EmptyState> : (
            <ul className="pairs">
              {results.map((pair) => (
                <li key={pair.customers.map((c) => c.id).join("|")} className="panel pair">
                  <div className="pair-customers">
                    {pair.customers.map((customer) => (
                      <Link key={customer.id} to={`/customers/${customer.id}`}>{customer.name}</Link>
                    ))}
                  </div>
                  <ul className="reasons" aria-label={t("duplicates.reasons")}>
                    {pair.reasons.map((reason) => (
                      <li key={`${reason.reason}:${reason.value}`} className="badge reason">
                        {t(`duplicates.reason.${reason.reason}`, { value: reason.value })}
                      </li>
                    ))}
                  </ul>
                  <button type="button" onClick={() => setMerging(pair)}
                    aria-label={t("duplicates.mergePair", { a: pair.customers[0].name, b: pair.customers[1].name })}>
                    {t("duplicates.merge")}
                  </button>
                </li>
              ))}
            </ul>
          )}
      <LoadMore pages={pairs} />
      <MergeDialog pair={merging} currency={rates.data?.base ?? "EUR"} onClose={() => setMerging(null)}
        merge={{ run: (target, absorbed) => merge.mutateAsync({ target, absorbed }), busy: merge.isPending }}
        onMerged={(result) => {
          setMerging(null);
          notify(t("duplicates.merged", { name: result.customer.name }), {
            action: { label: t("duplicates.open"), run: () => void navigate(`/customers/${result.customer.id}`) },
          });
        }} />
    </div>
  );
}
