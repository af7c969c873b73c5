import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { SelectField, TextField } from "@/components/fields";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { useDebounced } from "@/components/useDebounced";
import { formatMoney, formatNumber } from "@/i18n/format";
import { useProducts, useSetOnSale, type Product, type Shown } from "../api";
import { NewProductForm } from "../components/NewProductForm";
import { LoadMore } from "@/components/LoadMore";

const WRAP = { whiteSpace: "normal", padding: "0.3rem 0.6rem" } as const;

export default function ProductsPage() {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const language = i18n.resolvedLanguage ?? "en";
  const [typed, setTyped] = useState("");
  const [shown, setShown] = useState<Shown>("all");
  const search = useDebounced(typed.trim(), 250);
  const list = useProducts(search, shown);
  const onSale = useSetOnSale();
  const products = list.data?.pages.flatMap((page) => page.results) ?? [];
  const admin = me.can("admin");

  async function toggle(product: Product) {
    try {
      await onSale.mutateAsync({ id: product.id, onSale: !product.active });
      notify(t(product.active ? "products.archivedToast" : "products.restoredToast", { name: product.name }));
    } catch (error) {
      notify(toUserError(error, t).message, { tone: "error" });
    }
  }

  const prices = (product: Product) => {
    const entries = Object.entries(product.prices ?? {});
    return entries.length
      ? entries.map(([currency, amount]) => formatMoney(amount, currency, language)).join(" · ")
      : t("products.noPrice");
  };

  return (
    <div className="page list-page">
      <div className="page-head"><h1>{t("products.title")}</h1></div>
      {admin && (
        <details className="panel">
          <summary>{t("products.add")}</summary>
          <NewProductForm />
        </details>
      )}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField label={t("products.search")} className="grow" type="search" value={typed} maxLength={20}
          hint={t("products.searchHint")} onChange={(e) => setTyped(e.target.value)} />
        <SelectField label={t("products.show")} value={shown} onChange={(e) => setShown(e.target.value as Shown)}
          options={[{ value: "all", label: t("products.showAll") }, { value: "active", label: t("products.showActive") },
            { value: "archived", label: t("products.showArchived") }]} />
      </form>
      <p className="count" role="status" aria-live="polite">
        {list.data && t("products.count", { count: products.length, shown: formatNumber(products.length, language) })}
      </p>
      {list.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : products.length === 0 ? (
        <EmptyState><p>{t(search || shown !== "all" ? "products.empty" : "products.emptyAll")}</p></EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label={t("products.table")} style={{ tableLayout: "auto" }}>
            <thead>
              <tr>
                <th scope="col">{t("products.sku")}</th>
                <th scope="col">{t("products.name")}</th>
                <th scope="col">{t("products.prices")}</th>
                <th scope="col">{t("products.state")}</th>
                {admin && <th scope="col">{t("products.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {products.map((product) => (
                <tr key={product.id}>
                  <td><code>{product.sku}</code></td>
                  <th scope="row" style={WRAP}>
                    {product.name}
                    {product.description && <small className="hint"> {product.description}</small>}
                  </th>
                  <td style={WRAP}>{prices(product)}</td>
                  <td>{t(product.active ? "products.onSale" : "products.archived")}</td>
                  {admin && (
                    <td>
                      <button type="button" disabled={onSale.isPending} onClick={() => void toggle(product)}
                        aria-label={t(product.active ? "products.archive" : "products.restore", { name: product.name })}>
                        {t(product.active ? "products.archiveShort" : "products.restoreShort")}
                      </button>
                    </td>
                  )}
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
