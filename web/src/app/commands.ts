/** The command menu's entries: the screens a role may open and the records it may create, found by typing. */
import { matchesQuery } from "@/components/fold";
import type { AccessKind, Feature } from "./feature";

export interface Command {
  id: string;
  label: string;
  group: "go" | "create";
  to: string;
}

type Translate = (key: string) => string;

/** Every command ``can`` allows: each feature's menu entry (go to), then its own commands. */
export function availableCommands(features: readonly Feature[], can: (access: AccessKind) => boolean,
  t: Translate): Command[] {
  const commands: Command[] = [];
  for (const feature of features) {
    if (feature.nav && can(feature.nav.access)) {
      commands.push({ id: `${feature.id}:nav`, label: t(feature.nav.label), group: "go", to: feature.nav.to });
    }
    for (const command of feature.commands ?? []) {
      if (can(command.access)) commands.push({ id: command.id, label: t(command.label), group: command.group, to: command.to });
    }
  }
  return commands;
}

/** The commands matching what was typed (every word, case and accents ignored), screens first. */
export function findCommands(commands: readonly Command[], query: string): Command[] {
  const found = commands.filter((command) => matchesQuery(query, [command.label]));
  return [...found.filter((c) => c.group === "go"), ...found.filter((c) => c.group === "create")];
}

/** Whether ``query`` is worth a customer search (a letter or digit, two characters at least). */
export function searchesCustomers(query: string): boolean {
  return query.trim().length >= 2 && /[\p{L}\p{N}]/u.test(query);
}

/** Ctrl+K, or Cmd+K on a Mac. */
export function isCommandMenuKey(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k";
}
