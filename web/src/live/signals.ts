/** Change signals from Firestore: tiny listeners (one document each) whose only job is to say "something changed",
 * so that the matching TanStack Query caches refetch through the API. The backend stays the only write path and
 * the only place that reads whole records; firestore.rules decide what each user may listen to.
 *
 * The Firestore SDK is loaded on first use, after the page has rendered, so it does not weigh on the first paint. */
import type { DocumentReference, DocumentSnapshot, Firestore, Query, QueryConstraint } from "firebase/firestore";
import { firebaseApp, runtimeConfig } from "@/config/firebase";
import { track } from "./status";

type FirestoreModule = typeof import("firebase/firestore");
let loading: Promise<{ sdk: FirestoreModule; db: Firestore }> | undefined;

function firestore() {
  loading ??= import("firebase/firestore").then((sdk) => {
    const db = sdk.getFirestore(firebaseApp());
    const emulator = runtimeConfig().emulators?.firestore;
    if (emulator) sdk.connectFirestoreEmulator(db, emulator.host, emulator.port);
    return { sdk, db };
  });
  return loading;
}

export type Signal =
  /** The most recently changed active customer the user may see (a rep: their own). */
  | { kind: "customers"; ownerId?: string }
  /** One customer document. */
  | { kind: "customer"; id: string }
  /** The most recently changed order or activity with these fields (a rep's queries name their own owner_id). */
  | { kind: "recent"; collection: "orders" | "activities"; equals?: Record<string, string> }
  /** One order or activity document. */
  | { kind: "record"; collection: "orders" | "activities"; id: string }
  /** The most recently changed active person of a customer (a rep: their own). */
  | { kind: "customerPeople"; customerId: string; ownerId?: string }
  /** One person document. */
  | { kind: "person"; id: string }
  /** The most recently changed deal of a pipeline the user may see (a rep: their own). */
  | { kind: "deals"; pipelineId: string; ownerId?: string }
  /** One deal document. */
  | { kind: "deal"; id: string };

export interface SignalHandlers {
  /** A snapshot arrived; ``changedAt`` is the newest `updated_at` it shows (ms), ``first`` whether it is the first. */
  onSnapshot: (changedAt: number | undefined, first: boolean) => void;
  /** The rules refused the listener (or it broke); it has stopped. */
  onRefused: () => void;
}

function changedAt(snapshot: DocumentSnapshot | undefined): number | undefined {
  const value = snapshot?.get("updated_at") as { toMillis?: () => number } | undefined;
  return value?.toMillis?.();
}

/** What a signal listens to: one document, or the most recently changed document of a query. */
function target(sdk: FirestoreModule, db: Firestore, signal: Signal): DocumentReference | Query {
  if (signal.kind === "customer" || signal.kind === "record") {
    return sdk.doc(db, signal.kind === "customer" ? "customers" : signal.collection, signal.id);
  }
  if (signal.kind === "deal") return sdk.doc(db, "deals", signal.id);
  if (signal.kind === "person") return sdk.doc(db, "people", signal.id);
  const constraints: QueryConstraint[] = [];
  let collection: string;
  if (signal.kind === "deals") {
    collection = "deals";
    constraints.push(sdk.where("pipeline_id", "==", signal.pipelineId));
    if (signal.ownerId) constraints.push(sdk.where("owner_id", "==", signal.ownerId));
  } else if (signal.kind === "recent") {
    collection = signal.collection;
    constraints.push(...Object.entries(signal.equals ?? {}).map(([field, value]) => sdk.where(field, "==", value)));
  } else {
    collection = signal.kind === "customerPeople" ? "people" : "customers";
    if (signal.kind === "customerPeople") constraints.push(sdk.where("customer_id", "==", signal.customerId));
    constraints.push(sdk.where("deleted_at", "==", null));
    if (signal.ownerId) constraints.push(sdk.where("owner_id", "==", signal.ownerId));
  }
  constraints.push(sdk.orderBy("updated_at", "desc"), sdk.limit(1));
  return sdk.query(sdk.collection(db, collection), ...constraints);
}

/** Start listening; returns the function that stops it. Snapshots the SDK makes from its cache while it has not
 * reached the server are not delivered (they would say nothing about other users' changes); they only tell the
 * top bar's indicator that the page is (re)connecting. */
export function listen(signal: Signal, handlers: SignalHandlers): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  let first = true;
  let last: number | undefined;
  const report = track();
  const onNext = (fromCache: boolean, at: number | undefined) => {
    if (stopped) return;
    report(fromCache ? "connecting" : "live");
    if (fromCache || (!first && at === last)) return; // only the connection changed
    handlers.onSnapshot(at, first);
    first = false;
    last = at;
  };
  const onError = (error: Error) => {
    if (stopped) return;
    console.warn(`live updates: the ${signal.kind} listener was refused (${error.message}); polling instead`);
    report("polling");
    handlers.onRefused();
  };
  void firestore().then(({ sdk, db }) => {
    if (stopped) return;
    const watched = target(sdk, db, signal);
    const options = { includeMetadataChanges: true };
    stop = watched.type === "document"
      ? sdk.onSnapshot(watched, options, (snap) => onNext(snap.metadata.fromCache, changedAt(snap)), onError)
      : sdk.onSnapshot(watched, options, (snap) => onNext(snap.metadata.fromCache, changedAt(snap.docs[0])), onError);
  }, onError);
  return () => {
    stopped = true;
    report(null);
    stop?.();
  };
}
