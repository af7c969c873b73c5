/** A saved view's state (what a list screen shows) compared as the API keeps it. */
export type ViewState = Record<string, unknown>;

/** The state without empty values, as the API keeps it (so a view and the screen compare equal). */
export function compact(state: ViewState): ViewState {
  return Object.fromEntries(Object.entries(state).filter(([, value]) =>
    value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0)));
}

export function sameState(a: ViewState, b: ViewState): boolean {
  return JSON.stringify(sortKeys(compact(a))) === JSON.stringify(sortKeys(compact(b)));
}

function sortKeys(state: ViewState): ViewState {
  return Object.fromEntries(Object.entries(state).sort(([a], [b]) => a.localeCompare(b)));
}
