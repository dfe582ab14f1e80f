import type { HeadlessPlan, ReceivedByKind } from '../../tests/support/headlessParticipant';

/** What the capacity bench asks of its load-client process, one at a time … */
export type LoadCommand = { type: 'enter'; url: string; sessionId: string; cookie: string; plan: HeadlessPlan } | { type: 'sample' } | { type: 'leaveAll' } | { type: 'quit' };

/** … and what it answers, in the same order. */
export type LoadReply =
  { type: 'entered'; joinMs: number } | { type: 'sample'; received: ReceivedByKind[]; unreadable: string[]; cpuMs: number } | { type: 'left' } | { type: 'error'; message: string };
