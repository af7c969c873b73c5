/** The one API client: typed by the OpenAPI document (schema.d.ts), sending a fresh ID token with every call and
 * turning every non-2xx answer into an ApiError. */
import createClient, { type Middleware } from "openapi-fetch";
import { firebaseAuth } from "@/config/firebase";
import { ApiError } from "./errors";
import type { paths } from "./schema";

const withIdToken: Middleware = {
  async onRequest({ request }) {
    // getIdToken() refreshes the token itself when it is about to expire, so a call never carries a stale one.
    const user = firebaseAuth().currentUser;
    if (user) request.headers.set("Authorization", `Bearer ${await user.getIdToken()}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "" });
api.use(withIdToken);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer, or throws the ApiError the answer describes. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    throw new ApiError(0, "NETWORK", cause instanceof Error ? cause.message : String(cause));
  }
  if (!answer.response.ok) throw ApiError.fromBody(answer.response.status, answer.error);
  return answer.data as T;
}

/** The If-Match header for a record at ``version`` (the API answers 412 if it changed since). */
export function ifMatch(version: string | number | null | undefined): { "If-Match"?: string } {
  return version === null || version === undefined ? {} : { "If-Match": `"${version}"` };
}
