/** One change to the customers ticked in the list: add or remove tags, change the status, give them to another
 * owner (managers and admins), or delete them (the shared bulk form, with the actions customers take). */
import { useTranslation } from "react-i18next";
import type { CustomerListItem } from "@/api/types";
import { useAccess } from "@/auth/session";
import { deleteAction, reassignAction, statusAction, tagActions } from "@/components/bulk/actions";
import { BulkForm } from "@/components/bulk/BulkForm";
import { useBulkCustomers } from "../api";

const STATUSES = ["lead", "prospect", "customer", "churned"] as const;

interface Props {
  selected: CustomerListItem[];
  onDone: (changed: string[]) => void;
  onClear: () => void;
}

export default function BulkActions({ selected, onDone, onClear }: Props) {
  const { t } = useTranslation();
  const me = useAccess();
  const send = useBulkCustomers();
  const actions = [
    ...tagActions({ add: t("customers.bulk.actions.add_tags"), remove: t("customers.bulk.actions.remove_tags"),
      tags: t("customers.bulk.tags") }),
    statusAction(t("customers.bulk.actions.set_status"), t("customers.bulk.status"),
      STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))),
    ...(me.assigns_owners ? [reassignAction(t("customers.bulk.actions.reassign"), t("customers.bulk.owner"))] : []),
    deleteAction(t("customers.bulk.actions.delete"), (count) => t("customers.bulk.deleteTitle", { count })),
  ];
  return (
    <BulkForm label={t("customers.bulk.label")} refusedText={(count) => t("customers.bulk.refused", { count })}
      selected={selected} actions={actions} initial={{ status: "customer" }} send={send} onDone={onDone}
      onClear={onClear} />
  );
}
