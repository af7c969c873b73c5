/** The programme settings form: allowed hosts one per line, the windows in days, the click id parameter. */
import type { PartnerProgramme, PartnerProgrammeUpdate } from "../programmeApi";

export interface ProgrammeFormValues {
  allowed_hosts: string;
  attribution_window_days: string;
  hold_days: string;
  click_parameter: string;
}

export const PROGRAMME_FORM_FIELDS = ["allowed_hosts", "attribution_window_days", "hold_days", "click_parameter"];

export function toProgrammeValues(programme: PartnerProgramme): ProgrammeFormValues {
  return {
    allowed_hosts: programme.allowed_hosts.join("\n"),
    attribution_window_days: String(programme.attribution_window_days),
    hold_days: String(programme.hold_days),
    click_parameter: programme.click_parameter,
  };
}

/** Hosts as typed: one per line (commas and spaces separate too), blanks dropped. */
export function hostList(text: string): string[] {
  return text.split(/[\s,]+/).map((host) => host.trim()).filter(Boolean);
}

/** A whole number of days as typed; anything else goes as typed, for the API to refuse on its field. */
function days(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : (trimmed as unknown as number);
}

export function toProgrammeUpdate(values: ProgrammeFormValues): PartnerProgrammeUpdate {
  return {
    allowed_hosts: hostList(values.allowed_hosts),
    attribution_window_days: days(values.attribution_window_days),
    hold_days: days(values.hold_days),
    click_parameter: values.click_parameter.trim() || null,
  };
}
