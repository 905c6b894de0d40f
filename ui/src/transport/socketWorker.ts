// Entry point of the socket worker: the page's WebSocket lives here
// (socketWorkerCore.ts says why).
import { type PagePort, runSocketWorker } from './socketWorkerCore';
import type { SocketLike } from './websocket';

runSocketWorker(self as unknown as PagePort, (url) => new WebSocket(url) as unknown as SocketLike);
