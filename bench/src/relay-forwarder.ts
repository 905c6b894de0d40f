// The baseline of the relay benchmark: a bare `ws` forwarder. Every frame goes
// as is to every other client; no sessions, no parsing, no limits. GET /stats
// reports its CPU time the same way our server's /healthz does.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

let framesIn = 0;
const http = createServer((req, res) => {
  if (req.url !== '/stats') {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ stats: { cpu: process.cpuUsage(), framesIn } }));
});
const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    framesIn++;
    for (const client of wss.clients) {
      if (client !== ws && client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    }
  });
});
http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`forwarder listening on http://127.0.0.1:${(http.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
