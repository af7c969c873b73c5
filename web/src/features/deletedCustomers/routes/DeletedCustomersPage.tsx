import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { toUserError } from "@/api/errors";
import type { CustomerListItem } from "@/api/types";
import { useAccess } from "@/auth/session";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { UserName } from "@/components/UserName";
import { UserPicker } from "@/components/UserPicker";
import "@/components/components.css";
import { formatDateTime, formatNumber } from "@/i18n/format";
import { useDeletedCustomers, useRestore } from "../api";
import { LoadMore } from "@/components/LoadMore";

/** Deleted customers, most recently deleted first, each with a button that restores it. */
export default function DeletedCustomersPage() {
  const { t } = useTranslation();
  const me = useAccess();
  return (
    <div className="page list-page">
      <p><Link to="/customers">← {t("deletedCustomers.back")}</Link></p>
      <h1>{t("deletedCustomers.title")}</h1>
      {me.can("write") ? <DeletedList /> : <p className="notice" role="status">{t("deletedCustomers.notForRole")}</p>}
    </div>
  );
}

function DeletedList() {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const [owner, setOwner] = useState("");
  const list = useDeletedCustomers(owner);
  const customers = list.data?.pages.flatMap((page) => page.results) ?? [];
  const first = list.data?.pages[0];
  const language = i18n.resolvedLanguage ?? "en";
  return (
    <>
      <p className="muted">{t("deletedCustomers.intro")}</p>
      {me.sees_every_record && (
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <UserPicker label={t("deletedCustomers.owner")} value={owner} onChange={setOwner} clearable
            hint={t("deletedCustomers.ownerHint")} />
        </form>
      )}
      <p className="count" role="status">
        {first && t("deletedCustomers.count", { count: first.total, shown: formatNumber(customers.length, language),
          total: formatNumber(first.total, language) })}
      </p>
      {list.isPending ? <Spinner label={t("app.loading")} />
        : list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          : customers.length === 0 ? <EmptyState>{t("deletedCustomers.empty")}</EmptyState>
            : (
              <div className="table-wrap">
                <table className="record-table">
                  <caption className="visually-hidden">{t("deletedCustomers.title")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("deletedCustomers.name")}</th>
                      <th scope="col" className="col-wide">{t("deletedCustomers.organization")}</th>
                      <th scope="col" className="col-wide">{t("deletedCustomers.email")}</th>
                      <th scope="col" className="col-wide">{t("deletedCustomers.owner")}</th>
                      <th scope="col">{t("deletedCustomers.deletedAt")}</th>
                      <th scope="col"><span className="visually-hidden">{t("deletedCustomers.restore")}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {customers.map((customer) => (
                      <tr key={customer.id}>
                        <th scope="row">{customer.name}</th>
                        <td className="col-wide">{customer.organization}</td>
                        <td className="col-wide">{customer.email}</td>
                        <td className="col-wide"><UserName uid={customer.owner_id} /></td>
                        <td>{customer.deleted_at && (
                          <time dateTime={customer.deleted_at}>{formatDateTime(customer.deleted_at, language)}</time>
                        )}</td>
                        <td><RestoreButton customer={customer} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
      <LoadMore pages={list} />
    </>
  );
}

function RestoreButton({ customer }: { customer: CustomerListItem }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const restore = useRestore();
  return (
    <button type="button" disabled={restore.isPending} onClick={() => restore.mutate(customer.id, {
      onSuccess: () => notify(t("deletedCustomers.restored", { name: customer.name })),
      onError: (error) => notify(toUserError(error, t).message, { tone: "error" }),
    })}>
      {t("deletedCustomers.restore")}<span className="visually-hidden"> {customer.name}</span>
    </button>
  );
}
