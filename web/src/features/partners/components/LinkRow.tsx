import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { useNotify } from "@/components/Toasts";
import { trackedUrl, utmSummary } from "../logic/figures";
import { useUpdateLink, type PartnerLink } from "../linksApi";
import { CopyButton } from "./CopyButton";
import { EditLinkForm } from "./EditLinkForm";

const WRAP = { whiteSpace: "normal", overflowWrap: "anywhere" } as const;

/** One tracked link: its address to share (with a copy button), where it goes, and for managers edit and stop. */
export function LinkRow({ link, manages, columns }: { link: PartnerLink; manages: boolean; columns: number }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const update = useUpdateLink(link);
  const [editing, setEditing] = useState(false);
  const url = trackedUrl(window.location.origin, link.code);

  async function toggle() {
    try {
      await update.mutateAsync({ update: { active: !link.active }, version: link.version });
      notify(t(link.active ? "partners.linkStopped" : "partners.linkStarted", { code: link.code }));
    } catch (error) {
      notify(toUserError(error, t).message, { tone: "error" });
    }
  }

  return (
    <>
      <tr>
        <th scope="row" style={WRAP}>
          {link.code}
          <div className="share"><code>{url}</code> <CopyButton text={url} label={t("partners.copyLink", { code: link.code })} /></div>
        </th>
        <td className="col-wide" style={WRAP}>{link.destination}</td>
        <td className="col-wide" style={WRAP}>{utmSummary(link) || t("partners.none")}</td>
        <td>{t(link.active ? "partners.active" : "partners.inactive")}</td>
        {manages && (
          <td>
            <div className="actions">
              <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing}
                aria-label={t("partners.editLink", { code: link.code })}>{t("partners.edit")}</button>
              <button type="button" disabled={update.isPending} onClick={() => void toggle()}
                aria-label={t(link.active ? "partners.stopLink" : "partners.startLink", { code: link.code })}>
                {t(link.active ? "partners.stop" : "partners.start")}
              </button>
            </div>
          </td>
        )}
      </tr>
      {editing && (
        <tr>
          <td colSpan={columns} style={{ whiteSpace: "normal" }}>
            <EditLinkForm link={link} onDone={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
