import type { SessionNews, SessionWithdrawn } from '../../shared/events';
import type { SessionDto } from '../../shared/sessions';
import { subscribe, type AppClientSocket } from './socket';

export interface SessionNewsListeners {
  changed: (news: SessionNews) => void;
  withdrawn: (event: SessionWithdrawn) => void;
  /** The socket (re)connected: whatever was said before it did was missed, so read it all again. */
  missed: () => void;
}

/** Listens to the news of the sessions the signed-in person sees; returns how to stop. */
export function followSessionNews(socket: AppClientSocket, listeners: SessionNewsListeners): () => void {
  const stops = [subscribe(socket, 'session:changed', listeners.changed), subscribe(socket, 'session:withdrawn', listeners.withdrawn)];
  // A page may ask for its data before the socket is connected, or the link may drop: news of that time never comes.
  socket.on('connect', listeners.missed);
  return () => {
    stops.forEach((stop) => stop());
    socket.off('connect', listeners.missed);
  };
}

/** Whether `next` may take the place of `shown`: the same session, no older (answers and news cross on their way). */
export const supersedes = (next: SessionDto, shown: SessionDto): boolean => next.id === shown.id && next.version >= shown.version;
