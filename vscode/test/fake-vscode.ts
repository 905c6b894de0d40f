// A small hand-written stand-in for the `vscode` module, enough for the
// extension-host logic: it records what the extension asked VS Code to do
// (panels, terminals, status bar, messages) so tests can check it, and lets
// tests answer input boxes and play the Python extension.
import { pathToFileURL } from 'node:url';

type Listener<T> = (value: T) => void;

class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}

export class Uri {
  private constructor(readonly scheme: string, readonly fsPath: string, private readonly text: string) {}
  static file(path: string): Uri {
    return new Uri('file', path, pathToFileURL(path).href);
  }
  static parse(text: string): Uri {
    return new Uri(new URL(text).protocol.slice(0, -1), '', text);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return Uri.file([base.fsPath, ...parts].join('/').replace(/\/[^/]+\/\.\.(?=\/|$)/g, ''));
  }
  toString(): string {
    return this.text;
  }
}

export enum ViewColumn {
  Active = -1,
  Beside = -2,
  One = 1,
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export class FakeWebview {
  html = '';
  readonly cspSource = 'https://webview.test';
  readonly received = new Emitter<unknown>();
  readonly onDidReceiveMessage = this.received.event;
  /** Resources appear under https://webview.test/<path>. */
  asWebviewUri(uri: Uri): Uri {
    return Uri.parse(`https://webview.test${uri.fsPath}`);
  }
}

export class FakePanel {
  readonly webview = new FakeWebview();
  title: string;
  revealed = 0;
  disposed = false;
  private readonly disposeEmitter = new Emitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  constructor(
    readonly viewType: string,
    title: string,
    readonly showOptions: unknown,
    readonly options: { enableScripts?: boolean; localResourceRoots?: Uri[] },
  ) {
    this.title = title;
  }
  reveal(): void {
    this.revealed++;
  }
  dispose(): void {
    this.disposed = true;
    this.disposeEmitter.fire();
  }
}

export class FakeTerminal {
  readonly sent: string[] = [];
  shown = false;
  disposed = false;
  constructor(readonly options: { name?: string; cwd?: Uri; env?: Record<string, string> }) {}
  show(): void {
    this.shown = true;
  }
  sendText(text: string): void {
    this.sent.push(text);
  }
  dispose(): void {
    this.disposed = true;
    fake.closeTerminal.fire(this);
  }
}

export interface FakeDocument {
  uri: Uri;
  fileName: string;
  languageId: string;
  isDirty: boolean;
  saved: number;
  save(): Promise<boolean>;
}

export function pythonDocument(path: string, isDirty = false): FakeDocument {
  return {
    uri: Uri.file(path),
    fileName: path,
    languageId: 'python',
    isDirty,
    saved: 0,
    async save() {
      this.saved++;
      this.isDirty = false;
      return true;
    },
  };
}

/** What the fake recorded, and the knobs tests turn. */
export const fake = {
  panels: [] as FakePanel[],
  terminals: [] as FakeTerminal[],
  statusItems: [] as { text: string; tooltip: string; command: string; visible: boolean }[],
  errors: [] as string[],
  infos: [] as string[],
  output: [] as string[],
  settings: {} as Record<string, unknown>,
  activeDocument: undefined as FakeDocument | undefined,
  inputAnswer: undefined as string | undefined,
  /** The Python extension's API, when "installed". */
  pythonApi: undefined as unknown,
  /** What asExternalUri maps a local address to (identity when unset). */
  externalUri: undefined as ((uri: Uri) => Uri) | undefined,
  closeTerminal: new Emitter<FakeTerminal>(),
  reset(): void {
    this.panels.length = 0;
    this.terminals.length = 0;
    this.statusItems.length = 0;
    this.errors.length = 0;
    this.infos.length = 0;
    this.output.length = 0;
    this.settings = {};
    this.activeDocument = undefined;
    this.inputAnswer = undefined;
    this.pythonApi = undefined;
    this.externalUri = undefined;
  },
};

export const window = {
  get activeTextEditor() {
    return fake.activeDocument ? { document: fake.activeDocument } : undefined;
  },
  createWebviewPanel(viewType: string, title: string, showOptions: unknown, options: FakePanel['options']): FakePanel {
    const panel = new FakePanel(viewType, title, showOptions, options);
    fake.panels.push(panel);
    return panel;
  },
  createTerminal(options: FakeTerminal['options']): FakeTerminal {
    const terminal = new FakeTerminal(options);
    fake.terminals.push(terminal);
    return terminal;
  },
  onDidCloseTerminal: fake.closeTerminal.event,
  createStatusBarItem() {
    const item = { text: '', tooltip: '', command: '', name: '', visible: false, show: () => (item.visible = true), dispose: () => (item.visible = false) };
    fake.statusItems.push(item);
    return item;
  },
  createOutputChannel() {
    return { appendLine: (line: string) => fake.output.push(line), dispose: () => undefined };
  },
  async showErrorMessage(message: string) {
    fake.errors.push(message);
    return undefined;
  },
  async showInformationMessage(message: string) {
    fake.infos.push(message);
    return undefined;
  },
  async showInputBox(options: { validateInput?: (text: string) => string | undefined }) {
    const answer = fake.inputAnswer;
    if (answer !== undefined && options.validateInput?.(answer)) return undefined; // VS Code keeps the box open
    return answer;
  },
};

export const workspace = {
  getConfiguration(section: string) {
    return { get: <T>(key: string, fallback: T): T => (fake.settings[`${section}.${key}`] as T | undefined) ?? fallback };
  },
  getWorkspaceFolder() {
    return undefined;
  },
};

export const extensions = {
  getExtension(id: string) {
    if (id !== 'ms-python.python' || fake.pythonApi === undefined) return undefined;
    return { isActive: true, exports: fake.pythonApi, activate: async () => fake.pythonApi };
  },
};

export const env = {
  async asExternalUri(uri: Uri): Promise<Uri> {
    return fake.externalUri ? fake.externalUri(uri) : uri;
  },
};

export const commands = {
  registered: new Map<string, () => unknown>(),
  registerCommand(id: string, run: () => unknown) {
    commands.registered.set(id, run);
    return { dispose: () => commands.registered.delete(id) };
  },
};
