// Renders one instance by id: picks its view and fences it with an error boundary.
// It does not subscribe: its parent re-renders it when the structure changes
// (a respawn or move changes the parent's children), and each view subscribes
// to its own id once (a canvas-painted grid never re-renders through React).
import type { ReactNode } from 'react';
import { ROOT_ID } from '../messages/outgoing';
import { CanvasView } from './CanvasView';
import { ConsoleView } from './ConsoleView';
import { ContainerView } from './ContainerView';
import { usePanel } from './context';
import { ErrorBoundary } from './ErrorBoundary';
import { GridView } from './GridView';
import { ButtonView, LabelView, MarkdownView } from './TextViews';
import { TextboxView } from './TextboxView';
import { VizView } from './VizView';

function viewFor(type: string, id: string): ReactNode {
  switch (type) {
    case 'row':
      return <ContainerView id={id} direction="row" />;
    case 'column':
      return <ContainerView id={id} direction="column" />;
    case 'label':
      return <LabelView id={id} />;
    case 'button':
      return <ButtonView id={id} />;
    case 'markdown':
      return <MarkdownView id={id} />;
    case 'textbox':
      return <TextboxView id={id} />;
    case 'console':
      return <ConsoleView id={id} />;
    case 'grid':
      return <GridView id={id} />;
    case 'canvas':
      return <CanvasView id={id} />;
    case 'viz':
      return <VizView id={id} />;
    default:
      return null;
  }
}

export function Instance({ id }: { id: string }) {
  const { store } = usePanel();
  const node = store.node(id);
  if (!node) return null;
  if (id === ROOT_ID) return <ContainerView id={id} direction="column" />;
  const onError = (type: string, src: string, message: string) => store.reportError(type, src, message);
  return (
    <ErrorBoundary key={store.spawnKey(id)} id={id} type={node.type} onError={onError}>
      {viewFor(node.type, id)}
    </ErrorBoundary>
  );
}
