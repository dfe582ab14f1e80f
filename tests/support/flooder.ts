/**
 * A misbehaving client in a process of its own, as it would be on another machine: enters the
 * room of the session it is given and sends COUNT chat lines at once, then prints how many were
 * taken, how many refused and how the socket ended, as one JSON line.
 * Usage: tsx flooder.ts URL SESSION_ID COUNT (the session cookie in FLOODER_COOKIE).
 */
import { connect, send } from './socketClient';

const [url, sessionId, count] = process.argv.slice(2) as [string, string, string];
const socket = await connect(url, process.env.FLOODER_COOKIE);
const joined = await send(socket, 'room:join', { sessionId });
if (!joined.ok) throw new Error(`could not enter the room: ${JSON.stringify(joined)}`);
const ended = new Promise<string>((resolve) => socket.once('disconnect', resolve));
console.log('flooding');
const answers = await Promise.all(Array.from({ length: Number(count) }, (_, index) => send(socket, 'chat:send', { text: `spam ${index}` }).catch(() => null)));
const answered = answers.filter((answer) => answer !== null);
console.log(
  JSON.stringify({
    taken: answered.filter((answer) => answer.ok).length,
    refused: answered.filter((answer) => !answer.ok && answer.error.code === 'rate_limited' && answer.error.reason === 'too_fast').length,
    unanswered: answers.length - answered.length,
    ended: await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve('still open'), 5000))]),
  }),
);
process.exit(0);
