/** Texts that load on demand, by id (a feature's own texts, with its pages): each id's module is fetched once, and
 * its texts in both languages are added under the id, so a language switch needs nothing more from it. */
import type { i18n as I18n } from "i18next";
import { addTexts, type Texts } from "./index";

export type TextsLoader = () => Promise<Texts>;

export class TextsOnDemand {
  private readonly loads = new Map<string, Promise<void>>();
  private readonly done = new Set<string>();
  private readonly failed = new Map<string, unknown>();

  constructor(private readonly loaders: Readonly<Record<string, TextsLoader>>, private readonly i18n: I18n) {}

  /** Whether ``id`` has texts that load on demand. */
  has(id: string): boolean {
    return Object.hasOwn(this.loaders, id);
  }

  /** Resolves once the texts of every id are added (ids without texts of their own are skipped). */
  load(ids: readonly string[]): Promise<void> {
    return Promise.all(ids.filter((id) => this.has(id)).map((id) => this.loadOne(id))).then(() => undefined);
  }

  /** Whether the texts of every id are there already. */
  loaded(ids: readonly string[]): boolean {
    return ids.every((id) => !this.has(id) || this.done.has(id));
  }

  /** Why the last load of one of ``ids`` failed, if it did (the next ``load`` tries again). */
  error(ids: readonly string[]): unknown {
    return ids.map((id) => this.failed.get(id)).find((error) => error !== undefined);
  }

  private loadOne(id: string): Promise<void> {
    let loading = this.loads.get(id);
    if (!loading) {
      this.failed.delete(id);
      loading = this.loaders[id]().then(
        (texts) => {
          addTexts(this.i18n, { [id]: texts });
          this.done.add(id);
        },
        (error: unknown) => {
          this.loads.delete(id);
          this.failed.set(id, error);
          throw error;
        },
      );
      this.loads.set(id, loading);
    }
    return loading;
  }
}
