// textbox: `setValue {value}`, `setPlaceholder {placeholder}`.
import type { Model, ModelFactory, ModelUpdate } from './model';

export class TextboxModel implements Model<ModelUpdate<'textbox'>> {
  /** Bumped on each hero `setValue`, so the view replaces what the user typed. */
  valueRevision = 0;
  /**
   * What the user has typed so far. It lives here, not in the view, because a
   * view is remounted when its textbox moves (changeParent into a row), and
   * the hero's layout calls often arrive a frame after the spawn.
   */
  draft: string;
  /** The value last submitted or set by the hero: leaving the box does not resend it. */
  settled: string;

  constructor(
    public value: string,
    public placeholder: string,
  ) {
    this.draft = value;
    this.settled = value;
  }

  apply(update: ModelUpdate<'textbox'>): void {
    switch (update.action) {
      case 'setValue':
        this.value = update.options.value;
        this.draft = this.value;
        this.settled = this.value;
        this.valueRevision++;
        return;
      case 'setPlaceholder':
        this.placeholder = update.options.placeholder;
        return;
    }
  }
}

export const textboxFactory: ModelFactory<'textbox'> = {
  create: (payload) => new TextboxModel(payload?.value ?? '', payload?.placeholder ?? ''),
};
