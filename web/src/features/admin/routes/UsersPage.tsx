import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import type { DirectoryUser, Role } from "@/api/types";
import { useAccess } from "@/auth/session";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { useSlashFocus } from "@/components/useSlashFocus";
import { useUsers } from "@/components/users";
import { formatNumber } from "@/i18n/format";
import { useSetRole } from "../api";
import { AdminFrame } from "../components/AdminFrame";
import { NO_ROLE, ROLES, shownUsers, type RoleFilter } from "../logic/roles";

export default function UsersPage() {
  const { t } = useTranslation();
  return <AdminFrame title={t("admin.users.title")}><UsersAndRoles /></AdminFrame>;
}

function UsersAndRoles() {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<RoleFilter>("");
  const searchBox = useRef<HTMLInputElement>(null);
  useSlashFocus(searchBox);
  const shown = shownUsers(users.data ?? [], search, role);
  const language = i18n.resolvedLanguage ?? "en";

  return (
    <>
      <p className="muted">{t("admin.users.intro")}</p>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field grow">
          <label htmlFor="user-search">{t("admin.users.search")}</label>
          <input id="user-search" ref={searchBox} type="search" value={search} autoComplete="off"
            aria-describedby="user-search-hint" onChange={(e) => setSearch(e.target.value)} />
          <small id="user-search-hint" className="hint">{t("admin.users.searchHint")}</small>
        </div>
        <div className="field">
          <label htmlFor="user-role">{t("admin.users.role")}</label>
          <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as RoleFilter)}>
            <option value="">{t("admin.users.anyRole")}</option>
            <option value={NO_ROLE}>{t("admin.users.noRole")}</option>
            {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
          </select>
        </div>
      </form>
      <p className="count" role="status">
        {users.data && t("admin.users.count", { count: shown.length, shown: formatNumber(shown.length, language),
          total: formatNumber(users.data.length, language) })}
      </p>
      {users.isPending ? <Spinner label={t("app.loading")} />
        : users.isError ? <ErrorState error={users.error} onRetry={() => void users.refetch()} />
          : shown.length === 0 ? <EmptyState>{t("admin.users.empty")}</EmptyState>
            : (
              <div className="table-wrap">
                <table className="record-table">
                  <caption className="visually-hidden">{t("admin.users.title")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("admin.users.name")}</th>
                      <th scope="col">{t("admin.users.email")}</th>
                      <th scope="col">{t("admin.users.role")}</th>
                      <th scope="col" className="col-wide">{t("admin.users.uid")}</th>
                    </tr>
                  </thead>
                  <tbody>{shown.map((user) => <UserRow key={user.uid} user={user} />)}</tbody>
                </table>
              </div>
            )}
    </>
  );
}

function UserRow({ user }: { user: DirectoryUser }) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const setRole = useSetRole();
  const name = user.display_name || user.email || user.uid;
  const self = user.uid === me.uid;

  async function change(role: Role) {
    try {
      await setRole.mutateAsync({ uid: user.uid, role });
      notify(t("admin.users.changed", { name, role: t(`roles.${role}`) }));
    } catch (error) {
      notify(toUserError(error, t).message, { tone: "error" });
    }
  }

  return (
    <tr className={user.disabled ? "muted-row" : undefined}>
      <th scope="row">
        {user.display_name || <span className="muted">{t("admin.users.unnamed")}</span>}
        {user.disabled && <span className="badge neutral">{t("admin.users.disabled")}</span>}
      </th>
      <td>{user.email}</td>
      <td>
        <select value={user.role ?? ""} disabled={self || setRole.isPending}
          aria-label={t("admin.users.roleOf", { name })} aria-describedby={self ? "own-role-hint" : undefined}
          onChange={(e) => void change(e.target.value as Role)}>
          {!user.role && <option value="" disabled>{t("admin.users.noRole")}</option>}
          {ROLES.map((role) => <option key={role} value={role}>{t(`roles.${role}`)}</option>)}
        </select>
        {self && <small id="own-role-hint" className="hint"> {t("admin.users.ownRole")}</small>}
      </td>
      <td className="col-wide"><code>{user.uid}</code></td>
    </tr>
  );
}
