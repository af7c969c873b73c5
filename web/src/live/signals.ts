/** Change signals from Firestore: tiny listeners (one document each) whose only job is to say "something changed",
 * so that the matching TanStack Query caches refetch through the API. The backend stays the only write path and
 * the only place that reads whole records; firestore.rules decide what each user may listen to.
 *
 * The Firestore SDK is loaded on first use, after the page has rendered, so it does not weigh on the first paint. */
import type { Firestore, QueryConstraint } from "firebase/firestore";
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
  | { kind: "customer"; id: string };

export interface SignalHandlers {
  /** Called on every change after the first snapshot. */
  onChange: () => void;
  /** The rules refused the listener (e.g. the record was deleted); it has stopped. */
  onRefused?: () => void;
}

/** Start listening; returns the function that stops it. */
export function listen(signal: Signal, handlers: SignalHandlers): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  void firestore().then(({ sdk, db }) => {
    if (stopped) return;
    let first = true;
    const onNext = () => {
      if (first) first = false;
      else handlers.onChange();
    };
    const onError = () => handlers.onRefused?.();
    if (signal.kind === "customer") {
      stop = sdk.onSnapshot(sdk.doc(db, "customers", signal.id), onNext, onError);
      return;
    }
    const constraints: QueryConstraint[] = [sdk.where("deleted_at", "==", null)];
    if (signal.ownerId) constraints.push(sdk.where("owner_id", "==", signal.ownerId));
    constraints.push(sdk.orderBy("updated_at", "desc"), sdk.limit(1));
    stop = sdk.onSnapshot(sdk.query(sdk.collection(db, "customers"), ...constraints), onNext, onError);
  });
  return () => {
    stopped = true;
    stop?.();
  };
}
