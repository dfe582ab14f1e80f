import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, createCenter, type TestAccount } from './accounts';
import { enterRoom, type TestSocket } from './socketClient';
import { dropTestDatabase, openTestDatabase } from './testDatabase';
import { startTestServer, type TestServer } from './testServer';

export interface LiveRoomTestbed {
  db: Database;
  server: TestServer;
  /** The host centre (CDMX) of the sessions. */
  host: string;
  people: Record<'coordinator' | 'presenter' | 'expert', TestAccount>;
  /** Enters a session's room over a socket that is closed after the test. */
  enter: (account: TestAccount, sessionId: string) => ReturnType<typeof enterRoom>;
}

/**
 * A server on its own database with a coordinator, a presenter and an expert of one centre, for
 * tests of a live room; registers the hooks that start it, close each test's sockets and drop it.
 * The fields are filled in before the first test.
 */
export function useLiveRoomTestbed(): LiveRoomTestbed {
  const sockets: TestSocket[] = [];
  const testbed = {
    people: {},
    enter: (account: TestAccount, sessionId: string) => enterRoom(testbed.server.url, account, sessionId, sockets),
  } as LiveRoomTestbed;
  beforeAll(async () => {
    testbed.db = await openTestDatabase();
    testbed.server = await startTestServer(testbed.db);
    testbed.host = await createCenter(testbed.db, 'CDMX');
    testbed.people.coordinator = await createAccount(testbed.db, ['coordinator'], testbed.host, 'Dra. Coordinadora');
    testbed.people.presenter = await createAccount(testbed.db, ['presenter'], testbed.host, 'Dr. Presentador');
    testbed.people.expert = await createAccount(testbed.db, ['expert'], testbed.host, 'Dra. Experta');
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await testbed.server.close();
    await dropTestDatabase(testbed.db);
  });
  return testbed;
}
