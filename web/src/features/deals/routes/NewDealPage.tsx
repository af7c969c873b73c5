import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { showFieldErrors } from "@/components/fields";
import { ErrorState, Spinner } from "@/components/States";
import { useCreateDeal, usePipelines } from "../api";
import { DealFields } from "../components/DealFields";
import { DEAL_FORM_FIELDS, toCreate, toFormValues, type DealFormValues } from "../logic/dealForm";
import "../deals.css";

export default function NewDealPage() {
  const { t } = useTranslation();
  const me = useAccess();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateDeal();
  const pipelines = usePipelines();
  const form = useForm<DealFormValues>({
    defaultValues: toFormValues(undefined, {
      customer_id: params.get("customer") ?? "", pipeline_id: params.get("pipeline") ?? "",
    }),
  });
  const [banner, setBanner] = useState<string | null>(null);
  if (!me.can("write")) return <Navigate to="/deals" replace />;

  async function submit(values: DealFormValues) {
    setBanner(null);
    try {
      const created = await create.mutateAsync(toCreate(values));
      navigate(`/deals/${created.id}`);
    } catch (error) {
      const shown = toUserError(error, t, DEAL_FORM_FIELDS);
      setBanner(shown.message);
      showFieldErrors(form.setError, shown);
    }
  }

  return (
    <div className="page narrow">
      <p><Link to="/deals">← {t("deals.page.back")}</Link></p>
      <h1>{t("deals.new")}</h1>
      {/* The pipeline and stage lists come first, so that the pipeline asked for is the one the form shows. */}
      {pipelines.isPending ? <Spinner label={t("app.loading")} />
        : pipelines.isError ? <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} /> : (
        <FormProvider {...form}>
          <form onSubmit={form.handleSubmit(submit)} noValidate>
            {banner && <p className="notice error" role="alert">{banner}</p>}
            <DealFields mode="create" editable assignsOwners={me.assigns_owners} pipelines={pipelines.data?.results} />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={create.isPending}>
                {create.isPending ? t("deals.creating") : t("deals.create")}
              </button>
            </div>
          </form>
        </FormProvider>
      )}
    </div>
  );
}
