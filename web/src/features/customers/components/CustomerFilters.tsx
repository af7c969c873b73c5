import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CUSTOMER_ORDERS, CUSTOMER_SOURCES, CUSTOMER_STATUSES } from "@/api/types";
import { useDebounced } from "@/components/useDebounced";
import { useSlashFocus } from "@/components/useSlashFocus";
import { isSearching, LEAD_PRIORITIES, LEAD_RATINGS, type ListFilters } from "../logic/listFilters";

interface Props {
  filters: ListFilters;
  onChange: (next: ListFilters) => void;
  /** Why the API refused this combination of filters (its 400), shown on them. */
  refused?: string | null;
}

/** Search as you type (debounced), statuses (several at once), tag, order, and the lead filters: source, priority,
 * rating and a created range; "/" anywhere on the page focuses the search box. */
export function CustomerFilters({ filters, onChange, refused }: Props) {
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
  const set = <K extends keyof ListFilters>(key: K) => (value: ListFilters[K]) => onChange({ ...filters, [key]: value });
  const toggleStatus = (status: ListFilters["statuses"][number], on: boolean) =>
    set("statuses")(CUSTOMER_STATUSES.filter((s) => (s === status ? on : filters.statuses.includes(s))));
  return (
    <form className="filters customer-filters" role="search" onSubmit={(e) => e.preventDefault()}
      aria-describedby={refused ? "customer-filters-refused" : undefined}>
      <div className="field grow">
        <label htmlFor="customer-search">{t("customers.search")}</label>
        <input id="customer-search" ref={searchBox} type="search" value={search} autoComplete="off"
          aria-describedby="customer-search-hint" onChange={(e) => setSearch(e.target.value)} />
        <small id="customer-search-hint" className="hint">{t("customers.searchHint")}</small>
      </div>
      <fieldset className="field status-choices" aria-describedby="customer-status-hint">
        <legend>{t("customers.status")}</legend>
        <div className="choices">
          {CUSTOMER_STATUSES.map((s) => (
            <label key={s} className="choice">
              <input type="checkbox" checked={filters.statuses.includes(s)}
                onChange={(e) => toggleStatus(s, e.target.checked)} />
              {t(`status.${s}`)}
            </label>
          ))}
        </div>
        <small id="customer-status-hint" className="hint">{t("customers.statusHint")}</small>
      </fieldset>
      <div className="field">
        <label htmlFor="customer-tag">{t("customers.tag")}</label>
        <input id="customer-tag" type="text" value={tag} autoComplete="off" onChange={(e) => setTag(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="customer-sort">{t("customers.sort")}</label>
        <select id="customer-sort" value={filters.order} disabled={searching}
          aria-describedby={searching ? "customer-sort-hint" : undefined}
          onChange={(e) => set("order")(e.target.value as ListFilters["order"])}>
          {CUSTOMER_ORDERS.map((o) => <option key={o} value={o}>{t(`customers.orders.${o}`)}</option>)}
        </select>
        {searching && <small id="customer-sort-hint" className="hint">{t("customers.sortWithSearch")}</small>}
      </div>
      <fieldset className="lead-filters">
        <legend className="visually-hidden">{t("customers.leadFilters")}</legend>
        <div className="field">
          <label htmlFor="customer-source">{t("customers.source")}</label>
          <select id="customer-source" value={filters.source}
            onChange={(e) => set("source")(e.target.value as ListFilters["source"])}>
            <option value="">{t("customers.anySource")}</option>
            {CUSTOMER_SOURCES.map((s) => <option key={s} value={s}>{t(`source.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="customer-priority">{t("customers.priority")}</label>
          <select id="customer-priority" value={filters.priority}
            onChange={(e) => set("priority")(e.target.value as ListFilters["priority"])}>
            <option value="">{t("customers.anyPriority")}</option>
            {LEAD_PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="customer-rating">{t("customers.rating")}</label>
          <select id="customer-rating" value={filters.rating}
            onChange={(e) => set("rating")(e.target.value as ListFilters["rating"])}>
            <option value="">{t("customers.anyRating")}</option>
            {LEAD_RATINGS.map((r) => <option key={r} value={r}>{t(`rating.${r}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="customer-created-from">{t("customers.createdFrom")}</label>
          <input id="customer-created-from" type="date" value={filters.createdFrom}
            onChange={(e) => set("createdFrom")(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="customer-created-to">{t("customers.createdTo")}</label>
          <input id="customer-created-to" type="date" value={filters.createdTo}
            onChange={(e) => set("createdTo")(e.target.value)} />
        </div>
      </fieldset>
      {refused && (
        <p id="customer-filters-refused" className="error-text filters-refused" role="alert">
          {t("customers.refused", { reason: refused })}
        </p>
      )}
    </form>
  );
}
