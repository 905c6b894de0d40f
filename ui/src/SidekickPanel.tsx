// The whole Sidekick panel for any transport: announces itself, tracks hero
// peers, applies messages through the store, and renders the root column
// under a status bar (protocol.md "system/announce", "Pyodide mode").
import { prepareValidator } from '@sidekick/protocol';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { announce, eventMessage, newPeerId, ROOT_ID, type AnnouncePayload } from './messages/outgoing';
import { PanelStore } from './store/store';
import type { Transport, TransportStatus } from './transport/types';
import { PanelContext, type PanelContextValue } from './views/context';
import { ErrorBoundary } from './views/ErrorBoundary';
import { Instance } from './views/Instance';
import { PanelNotes } from './views/PanelNotes';
import { StatusBar } from './views/StatusBar';
import { initTheme } from './views/theme';
import './styles.css';

export interface SidekickPanelProps {
  transport: Transport;
  /** Shown in the status bar; omit for the default session. */
  sessionId?: string | null;
  /** Inside a page that has its own heading and main landmark (the playground). */
  embedded?: boolean;
  /** Shown under the status bar (the page at / lists the programs running there). */
  notice?: ReactNode;
}

export function SidekickPanel({ transport, sessionId = null, embedded = false, notice }: SidekickPanelProps) {
  const peerId = useMemo(newPeerId, []);
  const [status, setStatus] = useState<TransportStatus>('connecting');
  const [reason, setReason] = useState<string | undefined>(undefined);
  const [heroes, setHeroes] = useState<ReadonlySet<string>>(new Set());

  const onAnnounce = useCallback((payload: AnnouncePayload) => {
    if (payload.role !== 'hero') return;
    setHeroes((current) => {
      const next = new Set(current);
      if (payload.status === 'online') next.add(payload.peerId);
      else next.delete(payload.peerId);
      return next;
    });
  }, []);

  const store = useMemo(
    () =>
      new PanelStore({
        sendError: (message) => transport.send(message),
        onAnnounce,
        // Going offline and online again makes the hero replay its whole state (protocol.md "system/announce").
        onFellBehind: () => {
          transport.send(announce(peerId, 'offline'));
          transport.send(announce(peerId, 'online'));
        },
      }),
    [transport, onAnnounce, peerId],
  );

  useEffect(initTheme, []);

  useEffect(() => {
    // Compile the message validator now (after the first paint, before we announce
    // ourselves), not on the first message of a burst.
    prepareValidator();
    const unsubscribe = transport.subscribe({
      onMessages: (messages, bytes) => store.enqueue(messages, bytes),
      onStatus: (next, why) => {
        setStatus(next);
        setReason(why);
        // Each new connection starts with our announce (protocol.md lifecycle step 1);
        // the peers present answer with theirs, so forget the old list.
        if (next === 'connected') {
          store.awaitSync();
          transport.send(announce(peerId, 'online'));
        }
        if (next !== 'connected') setHeroes(new Set());
      },
    });
    const goodbye = () => transport.send(announce(peerId, 'offline'));
    window.addEventListener('pagehide', goodbye);
    return () => {
      window.removeEventListener('pagehide', goodbye);
      goodbye();
      unsubscribe();
    };
  }, [transport, store, peerId]);

  // Input policy while disconnected (docs/ui.md): the panel keeps showing the last
  // state, but takes no input until the relay and the program are both back.
  const interactive = status === 'connected' && heroes.size > 0;
  const interactiveNow = useRef(interactive);
  interactiveNow.current = interactive;
  const [hadHero, setHadHero] = useState(false);
  if (heroes.size > 0 && !hadHero) setHadHero(true);
  const sendEvent = useCallback<PanelContextValue['sendEvent']>(
    (component, src, payload) => {
      if (interactiveNow.current) transport.send(eventMessage(component, src, payload));
    },
    [transport],
  );
  const context = useMemo(() => ({ store, sendEvent, interactive }), [store, sendEvent, interactive]);
  const Root = embedded ? 'div' : 'main';

  return (
    <PanelContext.Provider value={context}>
      <div className="sk-panel">
        <StatusBar status={status} reason={reason} heroOnline={heroes.size > 0} sessionId={sessionId} inputPaused={hadHero && !interactive} />
        <PanelNotes />
        {notice}
        <Root className="sk-root">
          {!embedded && <h1 className="sk-visually-hidden">Sidekick</h1>}
          <ErrorBoundary id={ROOT_ID} type="column" onError={(type, src, message) => store.reportError(type, src, message)}>
            <Instance id={ROOT_ID} />
          </ErrorBoundary>
        </Root>
      </div>
    </PanelContext.Provider>
  );
}

export default SidekickPanel;
