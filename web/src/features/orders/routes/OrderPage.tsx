import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { CustomerName } from "@/components/CustomerName";
import { ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { SaveProblem, useRecordForm } from "@/components/useRecordForm";
import { UserName } from "@/components/UserName";
import "@/components/components.css";
import { formatDateTime, formatMoney } from "@/i18n/format";
import { useLiveSignal } from "@/live/useLiveSignal";
import { orderKeys, useDeleteOrder, useOrder, useTransitionOrder, useUpdateOrder } from "../api";
import { OrderFields } from "../components/OrderFields";
import { OrderStatusBadge } from "../components/OrderStatusBadge";
import type { OrderStatus } from "../logic/orderFilters";
import { FORM_FIELD_OF, ORDER_FORM_FIELDS, toFormValues, toUpdate, type Order } from "../logic/orderForm";
import "../orders.css";

export default function OrderPage() {
  const { orderId = "" } = useParams();
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const order = useOrder(orderId);
  useLiveSignal({ kind: "record", collection: "orders", id: orderId }, [orderKeys.record(orderId)]);
  const back = <p><Link to="/orders">← {t("orders.back")}</Link></p>;
  if (order.isPending) return <div className="page"><Spinner label={t("app.loading")} /></div>;
  if (order.isError) {
    return <div className="page">{back}<ErrorState error={order.error} onRetry={() => void order.refetch()} /></div>;
  }
  const record = order.data;
  const language = i18n.resolvedLanguage ?? "en";
  return (
    <div className="page narrow">
      {back}
      <header className="record-head">
        <div>
          <h1>{t("orders.heading", { number: record.order_number })}</h1>
          <p className="facts">
            <OrderStatusBadge status={record.status} />
            <span>{t("orders.customer")}: <CustomerName id={record.customer_id} /></span>
            <span>{t("orders.total")}: <strong>{formatMoney(record.total, record.currency, language)}</strong></span>
            <span>{t("orders.owner")}: <UserName uid={record.owner_id} /></span>
            <span>{t("orders.createdAt")}: {formatDateTime(record.created_at, language)}</span>
          </p>
        </div>
        {me.can("write") && <DeleteOrder order={record} />}
      </header>
      {me.can("write") && <Transitions order={record} />}
      <OrderEditForm key={record.id} order={record} reload={async () => (await order.refetch()).data} />
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">{t("orders.history")}</h2>
        <ol className="timeline">
          {[...record.status_history].reverse().map((change, index) => (
            <li key={`${change.at}-${index}`}>
              <span>{change.from
                ? t("orders.moved", { from: t(`orderStatus.${change.from}`), to: t(`orderStatus.${change.to}`) })
                : t("orders.placed", { to: t(`orderStatus.${change.to}`) })}</span>
              <small className="muted">
                <time dateTime={change.at}>{formatDateTime(change.at, language)}</time> · <UserName uid={change.by} />
              </small>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** The status moves the order allows now, as the API lists them (next_statuses); cancelling asks first. */
function Transitions({ order }: { order: Order }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const transition = useTransitionOrder(order.id);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (order.next_statuses.length === 0) {
    return <p className="notice" role="status">{t("orders.final", { status: t(`orderStatus.${order.status}`) })}</p>;
  }

  async function move(status: OrderStatus) {
    setError(null);
    try {
      await transition.mutateAsync(status);
      setCancelling(false);
      notify(t("orders.movedTo", { number: order.order_number, status: t(`orderStatus.${status}`) }));
    } catch (cause) {
      const message = toUserError(cause, t).message;
      if (cancelling) setError(message);
      else notify(message, { tone: "error" });
    }
  }

  return (
    <div className="transitions actions" role="group" aria-label={t("orders.nextSteps")}>
      <span className="muted">{t("orders.nextSteps")}:</span>
      {order.next_statuses.map((status) => status === "cancelled" ? (
        <button key={status} type="button" className="danger" disabled={transition.isPending}
          onClick={() => { setError(null); setCancelling(true); }}>{t("orders.moves.cancelled")}</button>
      ) : (
        <button key={status} type="button" className="primary" disabled={transition.isPending}
          onClick={() => void move(status)}>{t(`orders.moves.${status}`)}</button>
      ))}
      <ConfirmDialog open={cancelling} title={t("orders.cancelConfirm", { number: order.order_number })}
        confirmLabel={t("orders.moves.cancelled")} danger busy={transition.isPending} error={error}
        onConfirm={() => void move("cancelled")} onClose={() => setCancelling(false)} />
    </div>
  );
}

function DeleteOrder({ order }: { order: Order }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const remove = useDeleteOrder(order);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setError(null);
    try {
      await remove.mutateAsync();
      notify(t("orders.deleted", { number: order.order_number }));
      navigate("/orders");
    } catch (cause) {
      setError(toUserError(cause, t).message);
    }
  }

  return (
    <div className="actions">
      <button type="button" className="danger" onClick={() => { setError(null); setConfirming(true); }}>
        {t("orders.delete")}
      </button>
      <ConfirmDialog open={confirming} title={t(order.status === "delivered" ? "orders.deleteDelivered" : "orders.deleteConfirm",
        { number: order.order_number })} confirmLabel={t("orders.delete")} danger busy={remove.isPending} error={error}
        onConfirm={() => void confirm()} onClose={() => setConfirming(false)} />
    </div>
  );
}

interface FormProps {
  order: Order;
  reload: () => Promise<Order | undefined>;
}

/** The order's fields, saved with If-Match (useRecordForm); total and currency only while the order allows
 * (money_editable). */
function OrderEditForm({ order, reload }: FormProps) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const editable = me.can("write");
  const update = useUpdateOrder(order.id);
  const { form, submit, banner, conflict, loadTheirVersion } = useRecordForm({
    record: order,
    toValues: (record: Order) => toFormValues(record, ""),
    toUpdate,
    save: (changes, version) => update.mutateAsync({ update: changes, version }),
    reload,
    fields: ORDER_FORM_FIELDS,
    renames: FORM_FIELD_OF,
    onSaved: () => notify(t("orders.saved")),
  });

  return (
    <FormProvider {...form}>
      <form className="panel" onSubmit={submit} noValidate aria-labelledby="order-form-title">
        <h2 id="order-form-title">{t("orders.details")}</h2>
        {!editable && <p className="notice">{t("orders.viewOnly")}</p>}
        <SaveProblem banner={banner} conflict={conflict} conflictText={t("orders.conflict")}
          reloadText={t("orders.reload")} onReload={() => void loadTheirVersion()} />
        <OrderFields mode="edit" editable={editable} moneyEditable={editable && order.money_editable}
          assignsOwners={me.assigns_owners} />
        {editable && (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={update.isPending || !form.formState.isDirty}>
              {update.isPending ? t("common.saving") : t("common.save")}
            </button>
          </div>
        )}
      </form>
    </FormProvider>
  );
}
