import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "@/api/client";
import { ApiError } from "@/api/errors";

/** A customer's name linking to their page, for screens that hold only the customer's id (activities, orders). */
export function CustomerName({ id }: { id: string }) {
  const { t } = useTranslation();
  const customer = useQuery({
    queryKey: ["customers", "record", id, "detail"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}", {
      params: { path: { customer_id: id } }, signal,
    })),
    staleTime: 5 * 60_000,
  });
  if (customer.isPending) return <span className="muted">…</span>;
  if (customer.isError) {
    const gone = customer.error instanceof ApiError && customer.error.status === 404;
    return <span className="muted" title={id}>{gone ? t("ui.customers.gone") : id}</span>;
  }
  return <Link to={`/customers/${id}`}>{customer.data.name}</Link>;
}
