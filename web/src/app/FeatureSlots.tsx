/** Where features put panels into screens another feature owns (the customer page, the customers list's search),
 * each loaded lazily, without either feature importing the other's internals. */
import { Suspense, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Customer } from "@/api/types";
import { Spinner } from "@/components/States";
import { FEATURES } from "./features";
import { useFeatureTexts } from "./featureTexts";

function Loading() {
  const { t } = useTranslation();
  return <Spinner label={t("app.loading")} />;
}

/** Its children once the feature's texts are there (suspends meanwhile). */
function WithTexts({ feature, children }: { feature: string; children: ReactNode }) {
  useFeatureTexts([feature]);
  return <>{children}</>;
}

export function CustomerPanels({ column, customer, onSaved }: {
  column: "main" | "side";
  customer: Customer;
  onSaved: (saved: Customer) => void;
}) {
  const panels = FEATURES.flatMap((feature) => (feature.customerPanels ?? [])
    .filter((p) => p.column === column).map((panel) => ({ ...panel, feature: feature.id })));
  return (
    <>
      {panels.map(({ id, Panel, feature }) => (
        <Suspense key={id} fallback={<Loading />}>
          <WithTexts feature={feature}><Panel customer={customer} onSaved={onSaved} /></WithTexts>
        </Suspense>
      ))}
    </>
  );
}

export function CustomerSearchPanels({ search }: { search: string }) {
  const panels = FEATURES.flatMap((feature) => (feature.customerSearchPanels ?? [])
    .map((panel) => ({ ...panel, feature: feature.id })));
  if (!search.trim()) return null;
  return (
    <>
      {panels.map(({ id, Panel, feature }) => (
        <Suspense key={id} fallback={null}>
          <WithTexts feature={feature}><Panel search={search} /></WithTexts>
        </Suspense>
      ))}
    </>
  );
}
