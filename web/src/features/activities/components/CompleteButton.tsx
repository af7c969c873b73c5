import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { useNotify } from "@/components/Toasts";
import { useCompleteActivity, useUpdateActivity } from "../api";
import type { Activity, ActivityUpdate } from "../logic/activityForm";

/** Complete an open activity, with an undo in the message that confirms it. */
export function CompleteButton({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const complete = useCompleteActivity();
  const reopen = useUpdateActivity(activity.id);
  if (activity.status !== "scheduled" && activity.status !== "in_progress") return null;

  async function run() {
    try {
      await complete.mutateAsync(activity);
      notify(t("activities.completed", { subject: activity.subject }), {
        action: {
          label: t("activities.undo"),
          run: () => reopen.mutate({ update: { status: activity.status } as ActivityUpdate }, {
            onError: (error) => notify(toUserError(error, t).message, { tone: "error" }),
          }),
        },
      });
    } catch (error) {
      notify(toUserError(error, t).message, { tone: "error" });
    }
  }

  return (
    <button type="button" className="complete" onClick={() => void run()} disabled={complete.isPending}
      aria-label={`${t("activities.complete")}: ${activity.subject}`}>
      <span aria-hidden="true">✓</span> <span className="complete-word">{t("activities.complete")}</span>
    </button>
  );
}
