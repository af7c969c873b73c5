/** A searchable select (the ARIA combobox pattern): type to narrow the options, arrow keys to move, Enter to choose,
 * Escape to close; the box shows the chosen option while nobody types in it. The parent filters or searches with
 * what was typed (``onQueryChange``) and hands back the options. */
import { useId, useRef, useState, type KeyboardEvent, type Ref } from "react";
import { useTranslation } from "react-i18next";
import "./components.css";

export interface ComboOption {
  value: string;
  label: string;
  /** A second line (an email, an organization). */
  detail?: string;
}

interface Props {
  label: string;
  selected: ComboOption | null;
  onSelect: (option: ComboOption | null) => void;
  query: string;
  onQueryChange: (text: string) => void;
  options: ComboOption[];
  /** Told when the list opens or closes (e.g. to start loading options). */
  onOpenChange?: (open: boolean) => void;
  loading?: boolean;
  hint?: string;
  error?: string;
  disabled?: boolean;
  required?: boolean;
  clearable?: boolean;
  placeholder?: string;
  className?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function Combobox({
  label, selected, onSelect, query, onQueryChange, options, onOpenChange, loading, hint, error, disabled, required,
  clearable, placeholder, className, inputRef,
}: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpenState] = useState(false);
  const [editing, setEditing] = useState(false);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const shown = editing ? query : selected?.label ?? "";
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;

  function setOpen(next: boolean) {
    if (next !== open) onOpenChange?.(next);
    setOpenState(next);
  }

  function choose(option: ComboOption | null) {
    onSelect(option);
    setEditing(false);
    setOpen(false);
    onQueryChange("");
  }

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(options.length - 1, index));
    setActive(next);
    list.current?.querySelector(`#${CSS.escape(optionId(next))}`)?.scrollIntoView({ block: "nearest" });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
      } else moveTo(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Home" && open) {
      event.preventDefault();
      moveTo(0);
    } else if (event.key === "End" && open) {
      event.preventDefault();
      moveTo(options.length - 1);
    } else if (event.key === "Enter") {
      if (open && options[active]) {
        event.preventDefault();
        choose(options[active]);
      }
    } else if (event.key === "Escape") {
      if (open || editing) {
        event.preventDefault();
        event.stopPropagation(); // a dialog around the box stays open
        setOpen(false);
        setEditing(false);
        onQueryChange("");
      }
    }
  }

  function onBlur() {
    setOpen(false);
    if (editing && clearable && query.trim() === "") choose(null);
    else setEditing(false);
  }

  const expanded = open && !disabled;
  return (
    <div className={`field combo ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      <div className={clearable ? "combo-box clearable" : "combo-box"}>
        <input id={id} ref={inputRef} type="text" role="combobox" autoComplete="off" value={shown}
          placeholder={placeholder} disabled={disabled} required={required}
          aria-expanded={expanded} aria-controls={listId} aria-autocomplete="list"
          aria-activedescendant={expanded && options[active] ? optionId(active) : undefined}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy}
          onChange={(event) => {
            setEditing(true);
            onQueryChange(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onClick={() => setOpen(!open)} onKeyDown={onKeyDown} onBlur={onBlur} />
        {clearable && selected && !disabled && (
          <button type="button" className="link combo-clear" aria-label={t("ui.combo.clear", { label })}
            onClick={() => choose(null)}>×</button>
        )}
        {/* Pressing on the list must not take the focus from the box (its blur would close the list first). */}
        <ul id={listId} ref={list} role="listbox" aria-label={label} hidden={!expanded}
          className="combo-list" onMouseDown={(event) => event.preventDefault()}>
          {options.map((option, index) => (
            <li key={option.value} id={optionId(index)} role="option" aria-selected={index === active}
              className={index === active ? "active" : undefined} onClick={() => choose(option)}
              onMouseMove={() => index !== active && setActive(index)}>
              <span>{option.label}</span>
              {option.detail && <small className="muted">{option.detail}</small>}
            </li>
          ))}
        </ul>
        {expanded && options.length === 0 && (
          <div className="combo-empty" role="status">{loading ? t("app.loading") : t("ui.combo.noMatches")}</div>
        )}
      </div>
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {error && <small id={`${id}-error`} className="error-text">{error}</small>}
    </div>
  );
}
