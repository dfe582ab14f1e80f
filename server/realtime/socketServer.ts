import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../shared/events';
import { errorFields, log } from '../logger';
import { registerRequestHandlers } from './requestHandlers';
import { RoomConnection, type RoomConnectionDeps } from './roomConnection';

export type AppSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function createSocketServer(httpServer: HttpServer, deps: RoomConnectionDeps): AppSocketServer {
  const io: AppSocketServer = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 1_000_000 });
  io.on('connection', (socket) => {
    const connection = new RoomConnection(socket, deps);
    registerRequestHandlers(socket, connection.handlers());
    socket.on('disconnect', () => {
      connection.leave().catch((error: unknown) => log.error('cleanup after disconnect failed', errorFields(error)));
    });
  });
  return io;
}
