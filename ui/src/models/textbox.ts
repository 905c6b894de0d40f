// textbox: `setValue {value}`, `setPlaceholder {placeholder}`.
import { CommandError, type Json, optionalString, string } from '../protocol/read';
import type { Model, ModelFactory } from './model';

export class TextboxModel implements Model {
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

  apply(action: string, options: Json): void {
    switch (action) {
      case 'setValue':
        this.value = string(options, 'value');
        this.draft = this.value;
        this.settled = this.value;
        this.valueRevision++;
        return;
      case 'setPlaceholder':
        this.placeholder = string(options, 'placeholder');
        return;
      default:
        throw new CommandError(`unknown action "${action}"`);
    }
  }
}

export const textboxFactory: ModelFactory = {
  create: (payload) =>
    new TextboxModel(optionalString(payload, 'value') ?? '', optionalString(payload, 'placeholder') ?? ''),
};
