import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { showFieldErrors } from "@/components/fields";
import { renameFields } from "@/components/formErrors";
import { Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import "@/components/components.css";
import { useCustomerChoice } from "@/components/CustomerPicker";
import { useCreateActivity } from "../api";
import { ActivityFields } from "../components/ActivityFields";
import { ACTIVITY_FORM_FIELDS, FORM_FIELD_OF, emptyActivity, toCreate, type ActivityFormValues } from "../logic/activityForm";
import { ACTIVITY_TYPES, type ActivityType } from "../logic/workFilters";
import "../activities.css";

export default function NewActivityPage() {
  const [params] = useSearchParams();
  const customerId = params.get("customer");
  const choice = useCustomerChoice(customerId);
  const { t } = useTranslation();
  if (customerId && choice.isPending) return <div className="page"><Spinner label={t("app.loading")} /></div>;
  const type = params.get("type") ?? "";
  const start = emptyActivity(choice.data ?? null, (ACTIVITY_TYPES as string[]).includes(type) ? type as ActivityType : "call");
  return <NewActivityForm start={start} back={safeReturn(params.get("returnTo"))} />;
}

/** Only a path of this console is a place to return to. */
function safeReturn(path: string | null): string {
  return path && path.startsWith("/") && !path.startsWith("//") ? path : "/activities";
}

function NewActivityForm({ start, back }: { start: ActivityFormValues; back: string }) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const navigate = useNavigate();
  const create = useCreateActivity();
  const form = useForm<ActivityFormValues>({ defaultValues: start });
  const [banner, setBanner] = useState<string | null>(null);

  async function save(values: ActivityFormValues) {
    setBanner(null);
    try {
      const created = await create.mutateAsync(toCreate(values));
      notify(t("activities.created", { subject: created.subject }));
      navigate(back);
    } catch (error) {
      const shown = renameFields(toUserError(error, t, ACTIVITY_FORM_FIELDS), FORM_FIELD_OF);
      setBanner(shown.message);
      showFieldErrors(form.setError, shown);
    }
  }

  return (
    <div className="page narrow">
      <p><Link to={back}>← {t("activities.back")}</Link></p>
      <h1>{t("activities.newTitle")}</h1>
      {!me.can("write") ? <p className="notice">{t("activities.viewOnly")}</p> : (
        <FormProvider {...form}>
          <form className="panel" onSubmit={form.handleSubmit(save)} noValidate>
            {banner && <p className="notice error" role="alert">{banner}</p>}
            <ActivityFields mode="create" editable assignsOwners={me.assigns_owners} />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={create.isPending}>
                {create.isPending ? t("common.saving") : t("activities.create")}
              </button>
              <Link to={back} className="button">{t("common.cancel")}</Link>
            </div>
          </form>
        </FormProvider>
      )}
    </div>
  );
}
