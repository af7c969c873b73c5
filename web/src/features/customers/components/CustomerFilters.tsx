import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CUSTOMER_ORDERS, CUSTOMER_STATUSES } from "@/api/types";
import { useDebounced } from "@/components/useDebounced";
import { useSlashFocus } from "@/components/useSlashFocus";
import { isSearching, type ListFilters } from "../logic/listFilters";

interface Props {
  filters: ListFilters;
  onChange: (next: ListFilters) => void;
}

/** Search as you type (debounced), status, tag and order; "/" anywhere on the page focuses the search box. */
export function CustomerFilters({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(filters.search);
  const [tag, setTag] = useState(filters.tag);
  const settledSearch = useDebounced(search, 300);
  const settledTag = useDebounced(tag, 400);
  const searchBox = useRef<HTMLInputElement>(null);
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };

  useEffect(() => {
    const { filters: current, onChange: change } = latest.current;
    if (settledSearch !== current.search || settledTag !== current.tag) {
      change({ ...current, search: settledSearch, tag: settledTag });
    }
  }, [settledSearch, settledTag]);

  // The address changed from outside (back button, "Clear filters"): show what it says.
  useEffect(() => setSearch(filters.search), [filters.search]);
  useEffect(() => setTag(filters.tag), [filters.tag]);

  useSlashFocus(searchBox);

  const searching = isSearching({ search });
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="field grow">
        <label htmlFor="customer-search">{t("customers.search")}</label>
        <input id="customer-search" ref={searchBox} type="search" value={search} autoComplete="off"
          aria-describedby="customer-search-hint" onChange={(e) => setSearch(e.target.value)} />
        <small id="customer-search-hint" className="hint">{t("customers.searchHint")}</small>
      </div>
      <div className="field">
        <label htmlFor="customer-status">{t("customers.status")}</label>
        <select id="customer-status" value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.target.value as ListFilters["status"] })}>
          <option value="">{t("customers.anyStatus")}</option>
          {CUSTOMER_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="customer-tag">{t("customers.tag")}</label>
        <input id="customer-tag" type="text" value={tag} autoComplete="off" onChange={(e) => setTag(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="customer-sort">{t("customers.sort")}</label>
        <select id="customer-sort" value={filters.order} disabled={searching}
          aria-describedby={searching ? "customer-sort-hint" : undefined}
          onChange={(e) => onChange({ ...filters, order: e.target.value as ListFilters["order"] })}>
          {CUSTOMER_ORDERS.map((o) => <option key={o} value={o}>{t(`customers.orders.${o}`)}</option>)}
        </select>
        {searching && <small id="customer-sort-hint" className="hint">{t("customers.sortWithSearch")}</small>}
      </div>
    </form>
  );
}
