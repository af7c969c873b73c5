/** Where features put panels into screens another feature owns (the customer page, the customers list's search),
 * each loaded lazily, without either feature importing the other's internals. */
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { Customer } from "@/api/types";
import { Spinner } from "@/components/States";
import { FEATURES } from "./features";

function Loading() {
  const { t } = useTranslation();
  return <Spinner label={t("app.loading")} />;
}

export function CustomerPanels({ column, customer, onSaved }: {
  column: "main" | "side";
  customer: Customer;
  onSaved: (saved: Customer) => void;
}) {
  const panels = FEATURES.flatMap((feature) => (feature.customerPanels ?? []).filter((p) => p.column === column));
  return (
    <>
      {panels.map(({ id, Panel }) => (
        <Suspense key={id} fallback={<Loading />}>
          <Panel customer={customer} onSaved={onSaved} />
        </Suspense>
      ))}
    </>
  );
}

export function CustomerSearchPanels({ search }: { search: string }) {
  const panels = FEATURES.flatMap((feature) => feature.customerSearchPanels ?? []);
  if (!search.trim()) return null;
  return (
    <>
      {panels.map(({ id, Panel }) => (
        <Suspense key={id} fallback={null}>
          <Panel search={search} />
        </Suspense>
      ))}
    </>
  );
}
