import type { ParticipantPlan, ReceivedByKind } from '../../tests/support/participantPlan';
import type { CameraRecording } from '../../tests/support/recordedCamera';

/** What the capacity bench asks of its load-client process, one at a time … */
export type LoadCommand =
  | { type: 'record'; url: string; sessionId: string; cookies: string[] }
  | { type: 'enter'; url: string; sessionId: string; cookie: string; plan: ParticipantPlan; light: boolean }
  | { type: 'sample' }
  | { type: 'leaveAll' }
  | { type: 'quit' };

/** … and what it answers, in the same order. */
export type LoadReply =
  | { type: 'recorded'; recording: CameraRecording }
  | { type: 'entered'; joinMs: number }
  | { type: 'sample'; received: ReceivedByKind[]; unreadable: string[]; cpuMs: number }
  | { type: 'left' }
  | { type: 'error'; message: string };
