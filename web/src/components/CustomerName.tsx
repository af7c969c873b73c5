import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { batchedLookup } from "@/api/batch";
import { api, unwrap } from "@/api/client";

const MAX_NAMES = 100;

/** Every name asked for at the same moment (a page's rows) comes from one GET /customer-names. */
const customerName = batchedLookup(async (ids) => {
  const answer = await unwrap(api.GET("/api/crm/customer-names", { params: { query: { ids: ids.join(",") } } }));
  return new Map(answer.results.map((customer) => [customer.id, customer.name]));
}, MAX_NAMES);

/** A customer's name linking to their page, for screens that hold only the customer's id (activities, orders). */
export function CustomerName({ id }: { id: string }) {
  const { t } = useTranslation();
  const name = useQuery({
    queryKey: ["customers", "record", id, "name"], // under the record: saving the customer refreshes it
    queryFn: async () => (await customerName(id)) ?? null,
    staleTime: 5 * 60_000,
  });
  if (name.isPending) return <span className="muted">…</span>;
  if (name.isError) return <span className="muted" title={id}>{id}</span>;
  if (name.data === null) return <span className="muted" title={id}>{t("ui.customers.gone")}</span>;
  return <Link to={`/customers/${id}`}>{name.data}</Link>;
}
