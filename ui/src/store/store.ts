// The panel's store: queues incoming messages, applies them in one batch per
// animation frame, and wakes only the instances a batch touched
// (style.md T1-T2). Messages arrive checked against the schema (the edge,
// transport/incoming.ts); anything that still cannot apply becomes a protocol `error`.
import type { ComponentType, HeroToUiMessage } from '@sidekick/protocol';
import { modelFactories, type Model, type ModelUpdate } from '../models';
import type { Factory, SpawnPayload } from '../models/model';
import { type AnnouncePayload, errorMessage, type ErrorMessage, NO_COMPONENT, ROOT_ID } from '../messages/outgoing';
import { CommandError } from '../messages/commandError';
import { type Checked, type Incoming, openFrame } from '../transport/incoming';
import { Budget, LimitError, LIMITS } from './limits';
import { emptyStructure, type NodeRecord, type Structure, StructureDraft } from './structure';

export interface StoreOptions {
  /** Where `error` replies go (the transport). */
  sendError(message: ErrorMessage): void;
  /** Runs `flush` later; default: the next animation frame. */
  schedule?(flush: () => void): void;
  /** Longest time one flush may spend applying messages before yielding a frame. */
  budgetMs?: number;
  /** A valid `system/announce` from another peer (protocol.md "system/announce"). */
  onAnnounce?(announce: AnnouncePayload): void;
  /**
   * The queue passed its bound and was dropped: ask the hero for its whole
   * state again (a replay) instead of growing without end.
   */
  onFellBehind?(): void;
}

/** A command about one instance (spawn, update, remove). */
type ComponentCommand = Exclude<HeroToUiMessage, { type: 'clearAll' }>;

/** Most messages waiting for the next frame (besides LIMITS.queuedBytes). */
export const MAX_QUEUED_MESSAGES = 200_000;
/** Notes the panel keeps showing (the newest). */
const MAX_NOTES = 5;
/** The listener id under which `notes` changes are announced. */
export const NOTES = '#notes';

type Listener = () => void;

function nextFrame(flush: () => void): void {
  // rAF does not run in a hidden tab; the timeout keeps the queue moving there.
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    flush();
  };
  requestAnimationFrame(run);
  setTimeout(run, 250);
}

export class PanelStore {
  private structure: Structure = emptyStructure();
  private readonly models = new Map<string, Model>();
  private readonly versions = new Map<string, number>();
  /** A serial per spawn, so a re-spawned id gets fresh views (React keys). */
  private readonly spawns = new Map<string, number>();
  private spawnCount = 0;
  private readonly listeners = new Map<string, Set<Listener>>();
  private queue: (Incoming | undefined)[] = [];
  private head = 0;
  private queuedBytes = 0;
  private readonly budget = new Budget();
  /** Limits hit and other things the user should see (newest last). */
  notes: readonly string[] = [];
  private scheduled = false;
  private readonly schedule: (flush: () => void) => void;
  private readonly budgetMs: number;
  /**
   * False from (re)connecting until the hero's next `global/clearAll`. A UI that
   * joins a running session first hears the live updates for components it has
   * not been shown yet; the hero's replay (clearAll + rebuild) is on its way, so
   * those are dropped quietly instead of answered with a flood of errors.
   */
  private synced = false;

  constructor(private readonly options: StoreOptions) {
    this.schedule = options.schedule ?? nextFrame;
    // Small: the rest of the frame (painting what was applied, layout,
    // compositing) must fit too, while the socket worker, the relay and the
    // hero keep the machine's other cores busy with the same flood.
    this.budgetMs = options.budgetMs ?? 4;
  }

  /**
   * Queue one message (`bytes` long on the wire, when known); it applies on
   * the next frame. Past the queue's bound everything queued is dropped and
   * the hero is asked for a replay (LIMITS.queuedBytes, MAX_QUEUED_MESSAGES).
   */
  enqueue(messages: readonly Incoming[], bytes = 0): void {
    if (this.queuedBytes + bytes > LIMITS.queuedBytes || this.pending + messages.length > MAX_QUEUED_MESSAGES) {
      this.fallBehind();
      return;
    }
    this.queuedBytes += bytes;
    for (const message of messages) this.queue.push(message);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(this.flush);
    }
  }

  /** Apply queued messages (within the time budget), then notify touched instances once each. */
  readonly flush = (): void => {
    this.scheduled = false;
    const draft = new StructureDraft(this.structure);
    const touched = new Set<string>();
    const started = performance.now();
    // Reading the clock costs too: look at it every 64 messages, and after each frame opened (it may hold hundreds).
    let sinceClock = 0;
    const opened: Checked[] = [];
    while (this.head < this.queue.length) {
      const message = this.queue[this.head]!;
      this.queue[this.head++] = undefined;
      if (message.type === 'frame') {
        opened.length = 0;
        openFrame(message, opened);
        for (const one of opened) this.applyOne(one, draft, touched);
        sinceClock += opened.length;
      } else {
        this.applyOne(message, draft, touched);
        sinceClock++;
      }
      if (sinceClock >= 64) {
        sinceClock = 0;
        if (performance.now() - started > this.budgetMs) break;
      }
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
      this.queuedBytes = 0;
    } else {
      if (this.head > 4096) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      this.scheduled = true;
      this.schedule(this.flush);
    }
    this.structure = draft.finish();
    for (const id of draft.changed) touched.add(id);
    for (const id of touched) this.versions.set(id, (this.versions.get(id) ?? 0) + 1);
    for (const id of touched) {
      this.listeners.get(id)?.forEach((listener) => {
        // A view that fails to draw must not stop the others (or the next frame).
        try {
          listener();
        } catch (error) {
          console.error('[sidekick] a view failed to update', id, error);
          const type = this.structure.get(id)?.type ?? NO_COMPONENT;
          this.reportError(type, id, `the UI could not show this update: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    }
  };

  /** Messages waiting for the next frame. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  subscribe(id: string, listener: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
    };
  }

  /** Changes whenever instance `id` (its record or its model) changes: the useSyncExternalStore snapshot. */
  version(id: string): number {
    return this.versions.get(id) ?? 0;
  }

  /** Changes when `id` is spawned anew (after a remove or clearAll). */
  spawnKey(id: string): number {
    return this.spawns.get(id) ?? 0;
  }

  node(id: string): NodeRecord | undefined {
    return this.structure.get(id);
  }

  model<T extends Model>(id: string, kind: abstract new (...args: never[]) => T): T | undefined {
    const model = this.models.get(id);
    return model instanceof kind ? model : undefined;
  }

  /** The transport (re)connected: wait for the hero's clearAll before reporting unknown targets. */
  awaitSync(): void {
    this.synced = false;
  }

  /** Show a note in the panel (limits hit, falling behind). Repeats of the newest note are not added again. */
  note(text: string): void {
    if (this.notes[this.notes.length - 1] === text) return;
    this.notes = [...this.notes, text].slice(-MAX_NOTES);
    this.versions.set(NOTES, (this.versions.get(NOTES) ?? 0) + 1);
    this.listeners.get(NOTES)?.forEach((listener) => listener());
  }

  private fallBehind(): void {
    this.queue = [];
    this.head = 0;
    this.queuedBytes = 0;
    // Updates for what is on screen still apply; the rest waits for the replay's clearAll.
    this.synced = false;
    this.note('The panel fell behind the program and is catching up (it asked the program for its whole state again).');
    this.options.onFellBehind?.();
  }

  /** Report a failure that happened outside a command (e.g. a view crashed). */
  reportError(component: string, src: string, message: string): void {
    this.options.sendError(errorMessage(component, src, message));
  }

  private applyOne(message: Checked, draft: StructureDraft, touched: Set<string>): void {
    // The shape was checked at the edge (transport/incoming.ts); here only what the UI can know: targets, cells, buffers, paths.
    if (message.type === 'refused') return this.options.sendError(message.reply);
    if (message.type === 'announce') return this.options.onAnnounce?.(message.payload);
    if (message.type === 'clearAll') {
      for (const id of draft.apply({ op: 'clear' })) this.forget(id);
      this.synced = true;
      return;
    }
    try {
      if (!this.synced && message.type !== 'spawn' && !draft.get(message.target)) return;
      this.dispatch(message, draft, touched);
    } catch (error) {
      if (!(error instanceof CommandError)) console.error('[sidekick] failed to apply', message, error);
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof LimitError) this.note(`Refused: ${text}`);
      this.options.sendError(errorMessage(message.component, message.target, text));
    }
  }

  private forget(id: string): void {
    this.models.delete(id);
    this.budget.release(id);
  }

  private dispatch(message: ComponentCommand, draft: StructureDraft, touched: Set<string>): void {
    const { component, target } = message;
    if (!target) throw new CommandError(`${message.type} needs a "target" instance id`);
    switch (message.type) {
      case 'spawn': {
        if (target === ROOT_ID) throw new CommandError('"root" is the implicit top-level column');
        if (draft.get(target)) throw new CommandError(`an instance "${target}" already exists`);
        const parent = message.payload?.parent ?? ROOT_ID;
        // One factory per component type; TypeScript cannot pair the union's component with its payload, so widen once here.
        const factory = modelFactories[component] as Factory<SpawnPayload<ComponentType>, ModelUpdate<ComponentType>>;
        const model = factory.create(message.payload, { id: target, budget: this.budget });
        try {
          draft.apply({ op: 'spawn', id: target, type: component, parent });
        } catch (error) {
          this.budget.release(target); // the id was free: give back only what the new model took
          throw error;
        }
        this.models.set(target, model);
        this.spawns.set(target, ++this.spawnCount);
        return;
      }
      case 'update': {
        const node = draft.get(target);
        if (!node || target === ROOT_ID) throw new CommandError(`instance "${target}" does not exist`);
        if (node.type !== component) throw new CommandError(`instance "${target}" is a ${node.type}, not a ${component}`);
        const update = message.payload;
        if (update.action === 'changeParent') {
          draft.apply({ op: 'move', id: target, parent: update.options.parent, insertBefore: update.options.insertBefore ?? null });
          return;
        }
        this.models.get(target)!.apply(update);
        touched.add(target);
        return;
      }
      case 'remove': {
        const node = draft.get(target);
        if (!node || target === ROOT_ID) throw new CommandError(`instance "${target}" does not exist`);
        for (const id of draft.apply({ op: 'remove', id: target })) this.forget(id);
        return;
      }
    }
  }
}
