/** The one place where an API error becomes what the user sees: a message in their language, and messages for
 * the form fields that the API's `details[].field` name. */

export interface ErrorDetail {
  field?: string;
  message: string;
  type?: string;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}

/** An answer of the API other than 2xx, or no answer at all (status 0, code NETWORK). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  static fromBody(status: number, body: unknown): ApiError {
    if (isErrorBody(body)) {
      const { code, message, details } = body.error;
      return new ApiError(status, code, message, details ?? []);
    }
    return new ApiError(status, status >= 500 ? "INTERNAL" : "UNKNOWN", `HTTP ${status}`);
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as ErrorBody | null)?.error;
  return typeof error === "object" && error !== null && typeof error.code === "string";
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface UserError {
  /** One sentence for a banner or toast. */
  message: string;
  /** Form field path (as the form names it) -> message. */
  fields: Record<string, string>;
  /** The record changed since it was loaded: offer to reload, keeping what the user typed. */
  conflict: boolean;
  /** The user may retry the same request later. */
  retryable: boolean;
}

const CODE_MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: "errors.unauthenticated",
  PERMISSION_DENIED: "errors.permissionDenied",
  NOT_FOUND: "errors.notFound",
  PRECONDITION_FAILED: "errors.conflict",
  VALIDATION_FAILED: "errors.validation",
  PAYLOAD_TOO_LARGE: "errors.tooLarge",
  UNAVAILABLE: "errors.unavailable",
  NETWORK: "errors.network",
  INTERNAL: "errors.internal",
};

/** Where a detail's field goes in a form that knows ``formFields``: the longest known path that starts the API's
 * path (`contacts.0.value` exactly, or `tags` for `tags.3`); undefined when the form has no such field. */
export function formFieldFor(apiField: string | undefined, formFields: readonly string[]): string | undefined {
  if (!apiField) return undefined;
  const parts = apiField.replace(/\[(\d+)\]/g, ".$1").split(".");
  const found = [longestKnown(parts, formFields), longestKnown(withoutUnionTags(parts), formFields)];
  return found.filter(Boolean).sort((a, b) => b!.split(".").length - a!.split(".").length)[0];
}

function longestKnown(parts: string[], formFields: readonly string[]): string | undefined {
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join(".");
    if (formFields.includes(candidate) || formFields.some((f) => isTemplateMatch(f, candidate))) return candidate;
  }
  return undefined;
}

/** Validation of a tagged union names the variant after the index (`owned_items.0.product.quantity`). */
function withoutUnionTags(parts: string[]): string[] {
  return parts.filter((part, i) => !(i > 0 && i < parts.length - 1 && /^\d+$/.test(parts[i - 1]) && !/^\d+$/.test(part)));
}

/** `contacts.*.value` in the form's list stands for every `contacts.N.value`. */
function isTemplateMatch(template: string, path: string): boolean {
  if (!template.includes("*")) return false;
  const a = template.split(".");
  const b = path.split(".");
  return a.length === b.length && a.every((part, i) => part === b[i] || (part === "*" && /^\d+$/.test(b[i])));
}

/** What to show for ``error``; messages of details whose field the form lacks join the banner message. */
export function toUserError(error: unknown, t: Translate, formFields: readonly string[] = []): UserError {
  if (!(error instanceof ApiError)) {
    return { message: t("errors.unexpected"), fields: {}, conflict: false, retryable: true };
  }
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const detail of error.details) {
    if (!detail.message) continue; // a detail for programs only (a 412's versions), nothing to show
    const field = formFieldFor(detail.field, formFields);
    if (field && !fields[field]) fields[field] = detail.message;
    else if (!field) unplaced.push(detail.field ? `${detail.field}: ${detail.message}` : detail.message);
  }
  const key = CODE_MESSAGES[error.code];
  // 409s and 400s carry a sentence of their own that says exactly what went wrong ("email ... already belongs to").
  const base = key && !["FAILED_PRECONDITION", "ALREADY_EXISTS", "INVALID_ARGUMENT"].includes(error.code)
    ? t(key)
    : error.message || t("errors.unexpected");
  const message = unplaced.length ? `${base} ${unplaced.join("; ")}` : base;
  return {
    message,
    fields,
    conflict: error.status === 412,
    retryable: error.status === 0 || error.status === 503 || error.status >= 500,
  };
}
