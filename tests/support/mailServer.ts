import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './childServer';

/** What the test's mail server took: the envelope's recipients and the parsed message. */
export interface Received {
  to: string[];
  mail: ParsedMail;
}

const USER = 'avisos';
const PASSWORD = 'secreto-de-prueba';
export const TEST_PUBLIC_URL = 'https://oncoboard.prueba.mx';
export const TEST_MAIL_FROM = 'OncoBoard <avisos@oncoboard.prueba.mx>';

/**
 * A real SMTP server on a fixed port, which can be stopped and started again there, and told to
 * refuse the next attempts to write to an address (a temporary 451, as a busy server says).
 */
export class TestMailServer {
  readonly received: Received[] = [];
  readonly refusals = new Map<string, number>();
  /** Addresses answered 550 (no such mailbox) every time. */
  readonly unknown = new Set<string>();
  private server: SMTPServer | undefined;

  constructor(readonly port: number) {}

  /** One on a free port, started. */
  static async start(): Promise<TestMailServer> {
    const mailServer = new TestMailServer(await freePort());
    await mailServer.start();
    return mailServer;
  }

  /** SMTP_URL for a server (or mailer) that sends here. */
  get smtpUrl(): string {
    return `smtp://${USER}:${PASSWORD}@127.0.0.1:${this.port}`;
  }

  /** The environment of a test server that sends its notices here, over `env`. */
  serverEnv(env: Record<string, string> = {}): Record<string, string> {
    return { SMTP_URL: this.smtpUrl, MAIL_FROM: TEST_MAIL_FROM, PUBLIC_URL: TEST_PUBLIC_URL, MAIL_RETRY_SECONDS: '0.2', ...env };
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) =>
        auth.username === USER && auth.password === PASSWORD ? callback(null, { user: auth.username }) : callback(new Error('bad credentials')),
      onRcptTo: (address, _session, callback) => {
        if (this.unknown.has(address.address)) return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
        const left = this.refusals.get(address.address) ?? 0;
        if (!left) return callback();
        this.refusals.set(address.address, left - 1);
        callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
            callback();
          })
          .catch(callback);
      },
      logger: false,
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}

/** Everyone the messages went to, sorted. */
export const recipientsOf = (messages: Received[]) => messages.flatMap((message) => message.to).sort();

/** Resolves once `condition` holds; fails naming `what` after the timeout. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
