/** The command menu: Ctrl/Cmd+K (or its button) opens it anywhere; type to find a screen, something to create, or a
 * customer (the API's search); arrow keys move, Enter goes, Escape closes and gives the focus back. */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api, unwrap } from "@/api/client";
import { useAccess } from "@/auth/session";
import { useDebounced } from "@/components/useDebounced";
import "@/components/components.css";
import "./commandMenu.css";
import { availableCommands, findCommands, isCommandMenuKey, searchesCustomers } from "./commands";
import { FEATURES } from "./features";

interface Entry {
  id: string;
  label: string;
  detail?: string;
  group: "go" | "create" | "customers";
  to: string;
}

const CUSTOMERS_SHOWN = 6;

export function CommandMenu() {
  const { t } = useTranslation();
  const me = useAccess();
  const navigate = useNavigate();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const search = useDebounced(query.trim(), 200);

  useEffect(() => {
    function onKey(event: globalThis.KeyboardEvent) {
      if (isCommandMenuKey(event)) {
        event.preventDefault();
        setOpen(true);
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setQuery("");
      setActive(0);
      element.showModal();
      input.current?.focus();
    } else if (!open && element.open) element.close();
  }, [open]);

  const customers = useQuery({
    queryKey: ["command-menu", "customers", search],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers", {
      params: { query: { search, page_size: CUSTOMERS_SHOWN } }, signal,
    })),
    enabled: open && searchesCustomers(search),
    staleTime: 30_000,
  });

  const entries = useMemo<Entry[]>(() => {
    const commands = findCommands(availableCommands(FEATURES, me.can, t), query);
    const found: Entry[] = searchesCustomers(search) && search === query.trim()
      ? (customers.data?.results ?? []).map((customer) => ({
        id: `customer:${customer.id}`, label: customer.name, group: "customers", to: `/customers/${customer.id}`,
        detail: [customer.organization, customer.email].filter(Boolean).join(" · ") || undefined,
      }))
      : [];
    return [...commands, ...found];
  }, [me.can, t, query, search, customers.data]);

  useEffect(() => setActive((current) => Math.min(current, Math.max(0, entries.length - 1))), [entries.length]);

  function go(entry: Entry | undefined) {
    if (!entry) return;
    setOpen(false);
    navigate(entry.to);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const moves: Record<string, number> = {
      ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: entries.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      const next = Math.max(0, Math.min(entries.length - 1, moves[event.key]));
      setActive(next);
      document.getElementById(`${id}-${next}`)?.scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter") {
      event.preventDefault();
      go(entries[active]);
    }
  }

  const groups: Entry["group"][] = ["go", "create", "customers"];
  const searching = searchesCustomers(query) && (customers.isFetching || search !== query.trim());
  return (
    <>
      <button type="button" className="command-button" onClick={() => setOpen(true)} aria-keyshortcuts="Control+K Meta+K"
        aria-label={t("ui.commands.open")}>
        <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
          <circle cx="6.5" cy="6.5" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <path d="M10 10l4.5 4.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
        <span className="command-label">{t("ui.commands.open")}</span> <kbd>Ctrl K</kbd>
      </button>
      <dialog ref={dialog} className="command-menu" aria-label={t("ui.commands.title")} onClose={() => setOpen(false)}
        onClick={(event) => event.target === dialog.current && setOpen(false)}>
        <div className="field">
          <label htmlFor={`${id}-input`} className="visually-hidden">{t("ui.commands.title")}</label>
          <input id={`${id}-input`} ref={input} type="text" role="combobox" autoComplete="off" value={query}
            placeholder={t("ui.commands.placeholder")} aria-expanded="true" aria-controls={`${id}-list`}
            aria-autocomplete="list" aria-activedescendant={entries[active] ? `${id}-${active}` : undefined}
            onChange={(event) => { setQuery(event.target.value); setActive(0); }} onKeyDown={onKeyDown} />
        </div>
        <ul id={`${id}-list`} role="listbox" aria-label={t("ui.commands.results")} className="command-list">
          {groups.flatMap((group) => {
            const inGroup = entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.group === group);
            if (inGroup.length === 0) return [];
            return [
              <li key={`${group}-head`} role="presentation" className="command-group">{t(`ui.commands.groups.${group}`)}</li>,
              ...inGroup.map(({ entry, index }) => (
                <li key={entry.id} id={`${id}-${index}`} role="option" aria-selected={index === active}
                  className={index === active ? "active" : undefined} onClick={() => go(entry)}
                  onMouseMove={() => index !== active && setActive(index)}>
                  <span>{entry.label}</span>
                  {entry.detail && <small className="muted">{entry.detail}</small>}
                </li>
              )),
            ];
          })}
        </ul>
        <p className="command-status muted" role="status" aria-live="polite">
          {searching ? t("ui.commands.searching")
            : entries.length === 0 ? t("ui.commands.nothing")
              : t("ui.commands.count", { count: entries.length })}
        </p>
        <p className="hint">{t("ui.commands.keys")}</p>
      </dialog>
    </>
  );
}
