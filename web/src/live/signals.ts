/** Change signals from Firestore: tiny listeners (one document each) whose only job is to say "something changed",
 * so that the matching TanStack Query caches refetch through the API. The backend stays the only write path and
 * the only place that reads whole records; firestore.rules decide what each user may listen to.
 *
 * The Firestore SDK is loaded on first use, after the page has rendered, so it does not weigh on the first paint. */
import type { DocumentSnapshot, Firestore, QueryConstraint } from "firebase/firestore";
import { firebaseApp, runtimeConfig } from "@/config/firebase";

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

/** Start listening; returns the function that stops it. */
export function listen(signal: Signal, handlers: SignalHandlers): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  let first = true;
  const deliver = (at: number | undefined) => {
    handlers.onSnapshot(at, first);
    first = false;
  };
  const onError = (error: Error) => {
    console.warn(`live updates: the ${signal.kind} listener was refused (${error.message}); polling instead`);
    handlers.onRefused();
  };
  void firestore().then(({ sdk, db }) => {
    if (stopped) return;
    if (signal.kind === "customer" || signal.kind === "record") {
      const path = signal.kind === "customer" ? "customers" : signal.collection;
      stop = sdk.onSnapshot(sdk.doc(db, path, signal.id), (snap) => deliver(changedAt(snap)), onError);
      return;
    }
    if (signal.kind === "deal") {
      stop = sdk.onSnapshot(sdk.doc(db, "deals", signal.id), (snap) => deliver(changedAt(snap)), onError);
      return;
    }
    if (signal.kind === "deals") {
      const constraints: QueryConstraint[] = [sdk.where("pipeline_id", "==", signal.pipelineId)];
      if (signal.ownerId) constraints.push(sdk.where("owner_id", "==", signal.ownerId));
      constraints.push(sdk.orderBy("updated_at", "desc"), sdk.limit(1));
      const query = sdk.query(sdk.collection(db, "deals"), ...constraints);
      stop = sdk.onSnapshot(query, (snap) => deliver(changedAt(snap.docs[0])), onError);
      return;
    }
    if (signal.kind === "recent") {
      const equals = Object.entries(signal.equals ?? {}).map(([field, value]) => sdk.where(field, "==", value));
      const recent = sdk.query(sdk.collection(db, signal.collection), ...equals, sdk.orderBy("updated_at", "desc"),
        sdk.limit(1));
      stop = sdk.onSnapshot(recent, (snap) => deliver(changedAt(snap.docs[0])), onError);
      return;
    }
    if (signal.kind === "person") {
      stop = sdk.onSnapshot(sdk.doc(db, "people", signal.id), (snap) => deliver(changedAt(snap)), onError);
      return;
    }
    const constraints: QueryConstraint[] = [];
    if (signal.kind === "customerPeople") constraints.push(sdk.where("customer_id", "==", signal.customerId));
    constraints.push(sdk.where("deleted_at", "==", null));
    if (signal.ownerId) constraints.push(sdk.where("owner_id", "==", signal.ownerId));
    constraints.push(sdk.orderBy("updated_at", "desc"), sdk.limit(1));
    const collection = signal.kind === "customerPeople" ? "people" : "customers";
    const query = sdk.query(sdk.collection(db, collection), ...constraints);
    stop = sdk.onSnapshot(query, (snap) => deliver(changedAt(snap.docs[0])), onError);
  }, onError);
  return () => {
    stopped = true;
    stop?.();
  };
}
