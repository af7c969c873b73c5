import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import type { Customer } from "@/api/types";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { useNotify } from "@/components/Toasts";
import { ConvertLeadDialog } from "@/features/leads";
import { useDeleteCustomer, useStatusAction, type StatusAction } from "../api";

interface Props {
  customer: Customer;
  onDeleted: () => void;
}

/** Status changes the customer's state allows (upgrade, convert a lead into a deal through the lead board's dialog,
 * mark lost with a reason) and delete. */
export function CustomerActions({ customer, onDeleted }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const action = useStatusAction(customer.id);
  const remove = useDeleteCustomer(customer.id);
  const [dialog, setDialog] = useState<"lost" | "delete" | "convert" | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const open = customer.status === "lead" || customer.status === "prospect";

  async function run(kind: StatusAction, reason?: string) {
    setDialogError(null);
    try {
      await action.mutateAsync({ action: kind, reason });
      setDialog(null);
    } catch (error) {
      const shown = toUserError(error, t, ["reason"]);
      if (dialog) setDialogError(shown.fields.reason ?? shown.message);
      else notify(shown.message, { tone: "error" });
    }
  }

  async function confirmDelete() {
    setDialogError(null);
    try {
      await remove.mutateAsync(customer.version);
      setDialog(null);
      onDeleted();
    } catch (error) {
      setDialogError(toUserError(error, t).message);
    }
  }

  return (
    <div className="actions" role="group" aria-label={t("customer.actions")}>
      {open && (
        <button type="button" onClick={() => void run("upgrade")} disabled={action.isPending}>
          {t("customer.upgrade")}
        </button>
      )}
      {customer.status === "lead" && (
        <button type="button" onClick={() => setDialog("convert")} disabled={action.isPending}>
          {t("customer.convert")}
        </button>
      )}
      {open && (
        <button type="button" onClick={() => { setDialogError(null); setDialog("lost"); }}>
          {t("customer.markLost")}
        </button>
      )}
      <button type="button" className="danger" onClick={() => { setDialogError(null); setDialog("delete"); }}>
        {t("customer.delete")}
      </button>
      <ConfirmDialog open={dialog === "lost"} title={t("customer.lostTitle", { name: customer.name })}
        textLabel={t("customer.lostReason")} confirmLabel={t("customer.markLost")} busy={action.isPending}
        error={dialogError} onConfirm={(reason) => void run("mark-lost", reason)} onClose={() => setDialog(null)} />
      {dialog === "convert" && (
        <Suspense fallback={null}>
          <ConvertLeadDialog lead={customer} onClose={() => setDialog(null)} />
        </Suspense>
      )}
      <ConfirmDialog open={dialog === "delete"} title={t("customer.deleteConfirm", { name: customer.name })}
        confirmLabel={t("customer.delete")} danger busy={remove.isPending} error={dialogError}
        onConfirm={() => void confirmDelete()} onClose={() => setDialog(null)} />
    </div>
  );
}
