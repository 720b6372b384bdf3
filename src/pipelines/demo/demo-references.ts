// Artifact ids in the demo's output. Steward's ids carry their creation time and randomness, so
// two runs never share them; the demo prints each as its kind and the order it first appeared
// (`job#1`, `ro#2`), which is the same on every run of a seed, or in full with --show-ids.
const ID = /\b([a-z]+)_([0-9a-hjkmnp-tv-z]{26})\b/g;

export class DemoReferences {
  readonly #full: boolean;
  readonly #aliases = new Map<string, string>();
  readonly #perKind = new Map<string, number>();

  constructor(options: { showIds?: boolean } = {}) {
    this.#full = options.showIds ?? false;
  }

  /** The line with every id in it replaced by its stable reference (unless ids are shown in full). */
  line(text: string): string {
    return this.#full ? text : text.replace(ID, (id: string, kind: string) => this.ref(id, kind));
  }

  /** The reference of one id. */
  ref(id: string, kind = id.split('_')[0]): string {
    if (this.#full) return id;
    let alias = this.#aliases.get(id);
    if (!alias) {
      const n = (this.#perKind.get(kind) ?? 0) + 1;
      this.#perKind.set(kind, n);
      alias = `${kind}#${n}`;
      this.#aliases.set(id, alias);
    }
    return alias;
  }
}
