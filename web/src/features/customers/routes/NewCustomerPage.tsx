import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { showFieldErrors } from "@/components/fields";
import { useCreateCustomer } from "../api";
import { CustomerFields } from "../components/CustomerFields";
import { CUSTOMER_FORM_FIELDS, toCreate, toFormValues, type CustomerFormValues } from "../logic/formValues";

export default function NewCustomerPage() {
  const { t } = useTranslation();
  const me = useAccess();
  const navigate = useNavigate();
  const create = useCreateCustomer();
  const form = useForm<CustomerFormValues>({ defaultValues: { ...toFormValues(), language: "" } });
  const [banner, setBanner] = useState<string | null>(null);
  if (!me.can("write")) return <Navigate to="/customers" replace />;

  async function submit(values: CustomerFormValues) {
    setBanner(null);
    try {
      const created = await create.mutateAsync(toCreate(values));
      navigate(`/customers/${created.id}`);
    } catch (error) {
      const shown = toUserError(error, t, CUSTOMER_FORM_FIELDS);
      setBanner(shown.message);
      showFieldErrors(form.setError, shown);
    }
  }

  return (
    <div className="page narrow">
      <p><Link to="/customers">← {t("customer.back")}</Link></p>
      <h1>{t("customer.createTitle")}</h1>
      <FormProvider {...form}>
        <form onSubmit={form.handleSubmit(submit)} noValidate>
          {banner && <p className="notice error" role="alert">{banner}</p>}
          <CustomerFields mode="create" editable assignsOwners={me.assigns_owners} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={create.isPending}>
              {create.isPending ? t("customer.creating") : t("customer.create")}
            </button>
          </div>
        </form>
      </FormProvider>
    </div>
  );
}
