/** The tracked link form's values to and from the API's models. */
import type { PartnerLink, PartnerLinkCreate, PartnerLinkUpdate } from "../linksApi";

export const UTM_FIELDS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;
export const LINK_FORM_FIELDS = ["destination", "code", "campaign", ...UTM_FIELDS] as const;
export type LinkField = (typeof LINK_FORM_FIELDS)[number];
export type LinkFormValues = Record<LinkField, string>;

export function emptyLink(): LinkFormValues {
  return Object.fromEntries(LINK_FORM_FIELDS.map((field) => [field, ""])) as LinkFormValues;
}

export function toLinkValues(link: PartnerLink): LinkFormValues {
  return Object.fromEntries(LINK_FORM_FIELDS.map((field) => [field, link[field] ?? ""])) as LinkFormValues;
}

function trimmed(values: LinkFormValues): LinkFormValues {
  return Object.fromEntries(LINK_FORM_FIELDS.map((field) => [field, values[field].trim()])) as LinkFormValues;
}

/** A new link: blank fields are left out (the API then makes up the code). */
export function toLinkCreate(partnerId: string, values: LinkFormValues): PartnerLinkCreate {
  const body = Object.fromEntries(Object.entries(trimmed(values)).filter(([, value]) => value !== ""));
  return { ...body, partner_id: partnerId, destination: body.destination ?? "" } as PartnerLinkCreate;
}

/** What changed: a blank campaign or UTM field is cleared (null); code and destination are always sent as typed
 * (a blank one is the API's to refuse, on its field). */
export function toLinkUpdate(values: LinkFormValues, loaded: LinkFormValues): Partial<PartnerLinkUpdate> {
  const now = trimmed(values);
  const before = trimmed(loaded);
  const changes: Record<string, string | null> = {};
  for (const field of LINK_FORM_FIELDS) {
    if (now[field] === before[field]) continue;
    changes[field] = now[field] === "" && field !== "code" && field !== "destination" ? null : now[field];
  }
  return changes as Partial<PartnerLinkUpdate>;
}
