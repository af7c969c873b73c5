import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { useCustomerChoice } from "@/components/CustomerPicker";
import { showFieldErrors } from "@/components/fields";
import { renameFields } from "@/components/formErrors";
import { Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import "@/components/components.css";
import { useCreateOrder, useCurrencies } from "../api";
import { OrderFields } from "../components/OrderFields";
import { FORM_FIELD_OF, ORDER_FORM_FIELDS, emptyOrder, toCreate, type OrderFormValues } from "../logic/orderForm";
import "../orders.css";

export default function NewOrderPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const customerId = params.get("customer");
  const choice = useCustomerChoice(customerId);
  const currencies = useCurrencies();
  if ((customerId && choice.isPending) || currencies.isPending) {
    return <div className="page"><Spinner label={t("app.loading")} /></div>;
  }
  return <NewOrderForm start={emptyOrder(choice.data ?? null, currencies.data?.base ?? "EUR")} />;
}

function NewOrderForm({ start }: { start: OrderFormValues }) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const navigate = useNavigate();
  const create = useCreateOrder();
  const form = useForm<OrderFormValues>({ defaultValues: start });
  const [banner, setBanner] = useState<string | null>(null);

  async function save(values: OrderFormValues) {
    setBanner(null);
    try {
      const created = await create.mutateAsync(toCreate(values));
      notify(t("orders.created", { number: created.order_number }));
      navigate(`/orders/${created.id}`);
    } catch (error) {
      const shown = renameFields(toUserError(error, t, ORDER_FORM_FIELDS), FORM_FIELD_OF);
      setBanner(shown.message);
      showFieldErrors(form.setError, shown);
    }
  }

  return (
    <div className="page narrow">
      <p><Link to="/orders">← {t("orders.back")}</Link></p>
      <h1>{t("orders.newTitle")}</h1>
      {!me.can("write") ? <p className="notice">{t("orders.viewOnly")}</p> : (
        <FormProvider {...form}>
          <form className="panel" onSubmit={form.handleSubmit(save)} noValidate>
            {banner && <p className="notice error" role="alert">{banner}</p>}
            <OrderFields mode="create" editable moneyEditable assignsOwners={me.assigns_owners} />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={create.isPending}>
                {create.isPending ? t("common.saving") : t("orders.create")}
              </button>
              <Link to="/orders" className="button">{t("common.cancel")}</Link>
            </div>
          </form>
        </FormProvider>
      )}
    </div>
  );
}
