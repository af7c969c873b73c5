import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useAccess } from "@/auth/session";
import { TextField } from "@/components/fields";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useDebounced } from "@/components/useDebounced";
import { formatNumber } from "@/i18n/format";
import { usePeopleList, type PeopleFilters } from "../api";
import { OwnerName, PersonFlags } from "../components/PersonFlags";
import "../people.css";
import { LoadMore } from "@/components/LoadMore";

function filtersFrom(params: URLSearchParams): PeopleFilters {
  return { search: params.get("q") ?? "", customerId: params.get("customer") ?? "", ownerId: params.get("owner") ?? "" };
}

function paramsFrom(filters: PeopleFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set("q", filters.search);
  if (filters.customerId) params.set("customer", filters.customerId);
  if (filters.ownerId) params.set("owner", filters.ownerId);
  return params;
}

/** Every contact person the user may see: searched as one types, filtered by customer and owner (in the address,
 * so a list can be bookmarked), paged with "Load more". */
export default function PeopleListPage() {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [typed, setTyped] = useState(filters.search);
  const search = useDebounced(typed, 300);
  useEffect(() => {
    if (search !== filters.search) setParams(paramsFrom({ ...filters, search }), { replace: true });
  }, [search, filters, setParams]);
  const list = usePeopleList(filters);
  const people = list.data?.pages.flatMap((page) => page.results) ?? [];
  const first = list.data?.pages[0];
  const language = i18n.resolvedLanguage ?? "en";
  const filtered = !!(filters.search || filters.customerId || filters.ownerId);
  const customerName = filters.customerId ? people[0]?.customer_name : undefined;

  return (
    <div className="page list-page">
      <div className="page-head"><h1>{t("people.title")}</h1></div>
      <div className="filters" role="search">
        <TextField className="grow" type="search" label={t("people.search")} hint={t("people.searchHint")}
          value={typed} onChange={(e) => setTyped(e.target.value)} />
        {me.sees_every_record && (
          <TextField label={t("people.owner")} defaultValue={filters.ownerId} onBlur={(e) =>
            setParams(paramsFrom({ ...filters, ownerId: e.target.value.trim() }), { replace: true })} />
        )}
      </div>
      {filters.customerId && (
        <p className="notice">
          {t("people.customerFilter")}: <Link to={`/customers/${filters.customerId}`}>{customerName ?? filters.customerId}</Link>{" "}
          <button type="button" className="link" onClick={() => setParams(paramsFrom({ ...filters, customerId: "" }))}>
            {t("people.clearCustomer")}
          </button>
        </p>
      )}
      <p className="count" role="status" aria-live="polite">
        {first && t(first.total_exact ? "people.count" : "people.countMore", {
          shown: formatNumber(people.length, language), total: formatNumber(first.total, language),
        })}
        {list.isFetching && !list.isFetchingNextPage && <span className="spinner small" aria-hidden="true" />}
      </p>
      {list.isPending ? <Spinner label={t("app.loading")} />
        : list.isError && !list.data ? <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          : people.length === 0 ? (
            <EmptyState>
              <p>{t(filtered ? "people.empty" : "people.emptyAll")}</p>
              {filtered && (
                <button type="button" onClick={() => { setTyped(""); setParams(new URLSearchParams()); }}>
                  {t("people.clearFilters")}
                </button>
              )}
            </EmptyState>
          ) : (
            <div className="table-scroll">
              <table className="data-table people-table">
                <thead>
                  <tr>
                    <th scope="col">{t("people.col.name")}</th>
                    <th scope="col">{t("people.col.jobTitle")}</th>
                    <th scope="col">{t("people.col.customer")}</th>
                    <th scope="col">{t("people.col.email")}</th>
                    <th scope="col">{t("people.col.phone")}</th>
                    <th scope="col">{t("people.col.flags")}</th>
                    <th scope="col">{t("people.col.owner")}</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((person) => (
                    <tr key={person.id} onClick={(e) => {
                      if (!(e.target as HTMLElement).closest("a")) navigate(`/people/${person.id}`);
                    }}>
                      <th scope="row"><Link to={`/people/${person.id}`}>{person.name}</Link></th>
                      <td>{person.job_title}</td>
                      <td><Link to={`/customers/${person.customer_id}`}>{person.customer_name}</Link></td>
                      <td>{person.email}</td>
                      <td>{person.phone}</td>
                      <td><PersonFlags person={person} /></td>
                      <td><OwnerName uid={person.owner_id} me={me.uid} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      <LoadMore pages={list} />
    </div>
  );
}
