// textbox: the user types freely; Enter or leaving the field submits
// (protocol.md: `{event:"submit", value}` on Enter or blur). A hero's
// setValue replaces what is typed.
import { useState } from 'react';
import { TextboxModel } from '../models/textbox';
import { usePanel, useInstanceVersion } from './context';

export function TextboxView({ id }: { id: string }) {
  const { store, sendEvent, interactive } = usePanel();
  useInstanceVersion(id);
  const model = store.model(id, TextboxModel);
  const [draft, setDraft] = useState(model?.draft ?? '');
  const [revision, setRevision] = useState(model?.valueRevision ?? 0);
  if (model && model.valueRevision !== revision) {
    setRevision(model.valueRevision);
    setDraft(model.draft);
  }
  if (!model) return null;

  const edit = (text: string) => {
    model.draft = text;
    setDraft(text);
  };
  const submit = () => {
    if (!interactive) return; // kept in the field: Enter sends it once the program is back
    model.settled = draft;
    sendEvent('textbox', id, { event: 'submit', value: draft });
  };
  return (
    <input
      className="sk-textbox"
      data-sk-id={id}
      type="text"
      value={draft}
      placeholder={model.placeholder}
      disabled={!interactive}
      aria-label={model.placeholder || 'text input'}
      onChange={(event) => edit(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !event.nativeEvent.isComposing) submit();
      }}
      onBlur={() => {
        if (draft !== model.settled) submit();
      }}
    />
  );
}
