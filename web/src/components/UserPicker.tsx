import { useMemo, useState, type Ref } from "react";
import { useTranslation } from "react-i18next";
import { useAccess } from "@/auth/session";
import { Combobox, type ComboOption } from "./Combobox";
import { matchesQuery } from "./fold";
import { possibleOwners, userLabel, useUsers } from "./users";

const SHOWN = 50;

interface Props {
  label: string;
  /** The chosen user's uid ("" for none). */
  value: string;
  onChange: (uid: string) => void;
  error?: string;
  hint?: string;
  disabled?: boolean;
  clearable?: boolean;
  className?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** Choose a user (an owner) by name or email from the users' directory. */
export function UserPicker({ label, value, onChange, error, hint, disabled, clearable, className, inputRef }: Props) {
  const { t } = useTranslation();
  const me = useAccess();
  const users = useUsers();
  const [query, setQuery] = useState("");
  const options = useMemo<ComboOption[]>(() => {
    const owners = possibleOwners(users.data ?? [], value);
    return owners
      .filter((user) => matchesQuery(query, [user.display_name, user.email, user.uid]))
      .slice(0, SHOWN)
      .map((user) => ({
        value: user.uid,
        label: user.display_name || user.email || user.uid,
        detail: [user.uid === me.uid ? t("ui.users.you") : null, user.display_name ? user.email : null,
          user.role ? t(`roles.${user.role}`) : null].filter(Boolean).join(" · "),
      }));
  }, [users.data, value, query, me.uid, t]);
  const selected = value ? { value, label: userLabel(value, users.data, "", t) } : null;
  return (
    <Combobox label={label} selected={selected} onSelect={(option) => onChange(option?.value ?? "")} query={query}
      onQueryChange={setQuery} options={options} loading={users.isPending} error={error}
      hint={hint ?? t("ui.users.pickerHint")} disabled={disabled} clearable={clearable} className={className} inputRef={inputRef} />
  );
}
