// One failing component shows a small notice and reports an `error` to the
// hero; its siblings keep working (protocol.md "Errors and robustness").
import { Component, type ReactNode } from 'react';

interface Props {
  id: string;
  type: string;
  onError(type: string, id: string, message: string): void;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { failed: string | null }> {
  override state = { failed: null as string | null };

  static getDerivedStateFromError(error: unknown): { failed: string } {
    return { failed: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError(this.props.type, this.props.id, `the UI could not render this ${this.props.type}: ${error instanceof Error ? error.message : String(error)}`);
  }

  override render(): ReactNode {
    if (this.state.failed !== null) {
      return <div className="sk-failed" role="alert">{this.props.type} “{this.props.id}” could not be shown</div>;
    }
    return this.props.children;
  }
}
