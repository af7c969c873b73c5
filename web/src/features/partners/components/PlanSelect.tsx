import type { Ref, SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "@/components/fields";
import { usePlans } from "../programmeApi";

/** The commission plans to choose a partner's from (none: the partner earns nothing yet). */
export function PlanSelect({ error, ref, ...select }:
  SelectHTMLAttributes<HTMLSelectElement> & { error?: string; ref?: Ref<HTMLSelectElement> }) {
  const { t } = useTranslation();
  const plans = usePlans();
  const options = [{ value: "", label: t("partners.noPlan") },
    ...(plans.data?.results ?? []).map((plan) => ({ value: plan.id, label: plan.name }))];
  return (
    <SelectField label={t("partners.plan")} error={error} ref={ref} options={options} {...select}
      hint={plans.isError ? t("partners.plansFailed") : undefined} />
  );
}
