import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useLocation } from "react-router";

const PANEL = "manage-menu";

/** The top bar's Manage entry: the set-up and housekeeping screens (pipelines, tags, imports, integrations, ...) in
 * a popover list under it, so the bar keeps to one line. Marked current while one of its screens is open. */
export function ManageMenu({ entries }: { entries: { to: string; label: string }[] }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const panel = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState({ top: 0, left: 0 });
  const current = entries.some((entry) => pathname === entry.to || pathname.startsWith(`${entry.to}/`));
  return (
    <>
      <button type="button" className={current ? "nav-group active" : "nav-group"} popoverTarget={PANEL}
        aria-current={current ? "page" : undefined}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect();
          setPlace({ top: box.bottom + 4, left: Math.max(8, Math.min(box.left, window.innerWidth - 248)) });
        }}>
        {t("app.manage")} <span aria-hidden="true">▾</span>
      </button>
      <div id={PANEL} ref={panel} popover="auto" className="nav-group-panel" style={place}>
        <ul>
          {entries.map((entry) => (
            <li key={entry.to}>
              <NavLink to={entry.to} onClick={() => panel.current?.hidePopover()}>{t(entry.label)}</NavLink>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
