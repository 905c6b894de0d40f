// @vitest-environment node
// The relay conformance suite against the playground's relay (channelRelay.ts).
// The playground has no sockets, so a test-only `ws` server puts each
// connection on a ChannelRelay link (one ChannelRelay per session): every
// announce, forwarding, bad-input and peer-limit case then runs against the
// same class the Pyodide worker hosts. The WebSocket framing cases exercise
// the server's socket class (`ws` plus close reasons), not the channel. The channel keeps no send buffer (delivery is a function call), so
// the slow-consumer case runs in its "no cap" form.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSessionId } from '@sidekick/protocol';
import { resolveLimits } from '@sidekick/relay';
import { CONFORMANCE_LIMITS, defineRelayConformance } from '@sidekick/relay/conformance';
import { PeerSocket } from '@sidekick/server';
import { WebSocketServer } from 'ws';
import { ChannelRelay } from '../../src/playground/channelRelay';

defineRelayConformance('playground channel relay (behind a test ws server)', async () => {
  const sessions = new Map<string, ChannelRelay>();
  const wss = new WebSocketServer({ noServer: true, WebSocket: PeerSocket });
  const http = createServer((_request, response) => response.writeHead(404).end());
  http.on('upgrade', (request, socket, head) => {
    const session = new URL(request.url ?? '/', 'http://x').searchParams.get('session');
    if (session === null || !isValidSessionId(session)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      let relay = sessions.get(session);
      if (!relay) sessions.set(session, (relay = new ChannelRelay(CONFORMANCE_LIMITS)));
      const link = relay.join({ deliver: (text) => ws.send(text), closed: (code, reason) => ws.close(code, reason) });
      ws.on('message', (data, isBinary) => {
        if (isBinary) link.sendBinary();
        else link.send(String(data));
      });
      ws.on('close', () => link.leave());
      ws.on('error', () => link.leave());
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  return {
    wsUrl: (session?: string) => (session === undefined ? base : `${base}?session=${encodeURIComponent(session)}`),
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
    limits: resolveLimits(CONFORMANCE_LIMITS),
    capabilities: { defaultSession: false, slowConsumerClose: false, invalidUtf8Closes: true, strictFraming: true },
  };
});
