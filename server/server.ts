/**
 * startServer(settings): open (or build) the knowledge graph, create the app, listen.
 * Used by main.ts and by the tests (port 0 for an ephemeral port).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Settings } from './core.js';
import { createApp, type AppOptions } from './app.js';
import { openKnowledgeGraph, type Opened, type OpenOptions } from './build.js';
import type { KnowledgeGraph } from './state.js';

export interface Running {
  url: string;
  server: Server;
  kg: KnowledgeGraph;
  opened: Opened;
  close(): Promise<void>;
}

export async function startServer(settings: Settings, options: OpenOptions & AppOptions = {}): Promise<Running> {
  const opened = await openKnowledgeGraph(settings, options);
  const { kg } = opened;
  const app = createApp(settings, kg, options);
  const server = createServer(app);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, settings.host, () => resolve());
    });
  } catch (e) {
    await kg.store.close();
    throw e;
  }
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host === '0.0.0.0' ? '127.0.0.1' : settings.host;
  return {
    url: `http://${host}:${port}`,
    server,
    kg,
    opened,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      // What could not be written is said, not lost silently: the next start then loads the store from the records.
      await kg.flush().catch((e: Error) => console.error(`newskg: on stopping, ${e.message}`));
      await kg.store.close();
      await kg.annotator?.close();
    },
  };
}
