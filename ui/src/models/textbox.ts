// textbox: `setValue {value}`, `setPlaceholder {placeholder}`.
import { CommandError, type Json, optionalString, string } from '../protocol/read';
import type { Model, ModelFactory } from './model';

export class TextboxModel implements Model {
  /** Bumped on each hero `setValue`, so the view replaces what the user typed. */
  valueRevision = 0;

  constructor(
    public value: string,
    public placeholder: string,
  ) {}

  apply(action: string, options: Json): void {
    switch (action) {
      case 'setValue':
        this.value = string(options, 'value');
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
