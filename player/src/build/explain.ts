/** One decision the builder made, so `--explain` can say why the file looks as it does. */
export interface Explanation {
  rule: string;
  detail: string;
}

export class Explainer {
  readonly entries: Explanation[] = [];

  note(rule: string, detail: string): void {
    this.entries.push({ rule, detail });
  }
}
