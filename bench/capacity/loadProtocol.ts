import type { HeadlessPlan, ReceivedByKind } from '../../tests/support/headlessParticipant';

/** What the capacity bench asks of its load-client process … */
export type LoadCommand = { type: 'enter'; url: string; sessionId: string; cookie: string; plan: HeadlessPlan } | { type: 'sample' } | { type: 'leaveAll' };

/** … numbered, to match the answer. */
export type LoadRequest = LoadCommand & { id: number };

/** … and what the process answers (`id` of the request answered). */
export type LoadReply =
  | { id: number; type: 'entered'; joinMs: number }
  | { id: number; type: 'sample'; received: ReceivedByKind[]; unreadable: string[]; cpuMs: number }
  | { id: number; type: 'left' }
  | { id: number; type: 'error'; message: string };
