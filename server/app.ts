import { createServer, type Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import type { Config } from './config';
import type { Database } from './db/database';
import { PresenceLedger } from './domain/presenceLedger';
import { clientPages } from './http/clientPages';
import { apiNotFound, errorHandler } from './http/errorHandler';
import { healthRoutes } from './http/healthRoutes';
import type { MediaServer } from './media/mediaServer';
import { createSocketServer, type AppSocketServer } from './realtime/socketServer';

export interface AppDeps {
  config: Pick<Config, 'clientDistDir'>;
  db: Database;
  media: MediaServer;
}

export interface App {
  app: Express;
  httpServer: HttpServer;
  io: AppSocketServer;
  presence: PresenceLedger;
}

/** Wires HTTP and Socket.IO onto the given database and media server; does not listen. */
export function createApp(deps: AppDeps): App {
  const presence = new PresenceLedger(deps.db.models.presenceEvents);
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use('/api', healthRoutes(deps));
  app.use('/api', apiNotFound);
  app.use(clientPages(deps.config.clientDistDir));
  app.use(errorHandler);

  const httpServer = createServer(app);
  const io = createSocketServer(httpServer, { rooms: deps.media.rooms, presence });
  return { app, httpServer, io, presence };
}
