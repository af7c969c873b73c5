import { Fragment, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { TextField } from "@/components/fields";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { useDebounced } from "@/components/useDebounced";
import { formatNumber } from "@/i18n/format";
import { useCreateTag, useTags } from "../api";
import { RetagForm } from "../components/RetagForm";
import { TagEditor } from "../components/TagEditor";

export default function TagsPage() {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const language = i18n.resolvedLanguage ?? "en";
  const [typed, setTyped] = useState("");
  const prefix = useDebounced(typed.trim().toLowerCase(), 250);
  const list = useTags(prefix);
  const create = useCreateTag();
  const [name, setName] = useState("");
  const [color, setColor] = useState("#1e88e5");
  const [error, setError] = useState<string | undefined>();
  const [editing, setEditing] = useState<string | null>(null);
  const admin = me.can("admin");
  const tags = list.data?.results ?? [];
  const count = (value: number | null | undefined) =>
    value === null || value === undefined ? t("tags.hidden") : formatNumber(value, language);

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await create.mutateAsync({ name, color });
      notify(t("tags.added", { name: created.name }));
      setName("");
    } catch (failure) {
      setError(toUserError(failure, t).message);
    }
  }

  return (
    <div className="page list-page">
      <div className="page-head"><h1>{t("tags.title")}</h1></div>
      {admin && (
        <details className="panel">
          <summary>{t("tags.add")}</summary>
          <form className="filters" aria-label={t("tags.add")} onSubmit={(e) => void add(e)} noValidate>
            <TextField label={t("tags.name")} value={name} error={error} maxLength={50} required
              onChange={(e) => setName(e.target.value)} />
            <TextField label={t("tags.color")} type="color" value={color} onChange={(e) => setColor(e.target.value)} />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
                {t("tags.save")}
              </button>
            </div>
          </form>
        </details>
      )}
      {admin && tags.length > 0 && (
        <details className="panel">
          <summary>{t("tags.change")}</summary>
          <RetagForm tags={tags} />
        </details>
      )}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField label={t("tags.filter")} className="grow" type="search" value={typed} maxLength={50}
          onChange={(e) => setTyped(e.target.value)} />
      </form>
      {list.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : tags.length === 0 ? (
        <EmptyState><p>{t("tags.empty")}</p></EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label={t("tags.table")} style={{ tableLayout: "auto" }}>
            <thead>
              <tr>
                <th scope="col">{t("tags.name")}</th>
                <th scope="col" className="num">{t("tags.customers")}</th>
                <th scope="col" className="num">{t("tags.deals")}</th>
                <th scope="col">{t("tags.description")}</th>
                {admin && <th scope="col"><span className="visually-hidden">{t("tags.actions")}</span></th>}
              </tr>
            </thead>
            <tbody>
              {tags.map((tag) => (
                <Fragment key={tag.id}>
                  <tr>
                    <th scope="row">
                      <span className="badge" style={{ background: tag.color, color: "#fff", marginRight: "0.5rem" }}
                        aria-hidden="true">&nbsp;</span>
                      {tag.name}
                    </th>
                    <td className="num">{count(tag.customer_count)}</td>
                    <td className="num">{count(tag.deal_count)}</td>
                    <td>{tag.description ?? ""}</td>
                    {admin && (
                      <td>
                        <button type="button" className="link" aria-expanded={editing === tag.id}
                          aria-label={t("tags.editLabel", { name: tag.name })}
                          onClick={() => setEditing(editing === tag.id ? null : tag.id)}>{t("tags.edit")}</button>
                      </td>
                    )}
                  </tr>
                  {editing === tag.id && (
                    <tr>
                      <td colSpan={5}><TagEditor tag={tag} onDone={() => setEditing(null)} /></td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
