// textbox: the user types freely; Enter or leaving the field submits
// (protocol.md: `{event:"submit", value}` on Enter or blur). A hero's
// setValue replaces what is typed.
import { useRef, useState } from 'react';
import { TextboxModel } from '../models/textbox';
import { usePanel, useInstanceVersion } from './context';

export function TextboxView({ id }: { id: string }) {
  const { store, sendEvent } = usePanel();
  useInstanceVersion(id);
  const model = store.model(id, TextboxModel);
  const [draft, setDraft] = useState(model?.value ?? '');
  const [revision, setRevision] = useState(model?.valueRevision ?? 0);
  // The value last submitted or set by the hero: blur does not resend it.
  const settled = useRef(model?.value ?? '');
  if (model && model.valueRevision !== revision) {
    setRevision(model.valueRevision);
    setDraft(model.value);
    settled.current = model.value;
  }
  if (!model) return null;

  const submit = () => {
    settled.current = draft;
    sendEvent('textbox', id, { event: 'submit', value: draft });
  };
  return (
    <input
      className="sk-textbox"
      data-sk-id={id}
      type="text"
      value={draft}
      placeholder={model.placeholder}
      aria-label={model.placeholder || 'text input'}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !event.nativeEvent.isComposing) submit();
      }}
      onBlur={() => {
        if (draft !== settled.current) submit();
      }}
    />
  );
}
