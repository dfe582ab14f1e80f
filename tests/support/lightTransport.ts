import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { crc32 } from 'node:zlib';
import {
  CipherContext,
  DtlsClient,
  HashAlgorithm,
  keyLength,
  NamedCurveAlgorithm,
  RtpHeader,
  saltLength,
  SignatureAlgorithm,
  SrtcpSession,
  SrtpSession,
  type SignatureHash,
} from 'werift';
import type { TransportOptions } from '../../shared/media';

/** Chromium checks its path this often; the server drops a path unchecked for ICE_CONSENT_TIMEOUT_SECONDS. */
const CONSENT_INTERVAL_MS = 2500;
const STUN_MAGIC = 0x2112a442;
const RECEIVE_BUFFER_BYTES = 2 * 2 ** 20;
/** The SRTP profile browsers offer first (RFC 5764). */
const SRTP_AES128_CM_HMAC_SHA1_80 = 0x0001;

/** The DTLS certificate every light transport of this process presents, made once (ECDSA P-256). */
interface Certificate {
  certPem: string;
  keyPem: string;
  signatureHash: SignatureHash;
  fingerprint: string;
}
let certificate: Promise<Certificate> | undefined;

function localCertificate(): Promise<Certificate> {
  certificate ??= CipherContext.createSelfSignedCertificateWithKey({ signature: SignatureAlgorithm.ecdsa_3, hash: HashAlgorithm.sha256_4 }, NamedCurveAlgorithm.secp256r1_23).then(
    ({ certPem, keyPem, signatureHash }) => {
      const der = Buffer.from(certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
      const fingerprint = createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
      return { certPem, keyPem, signatureHash, fingerprint };
    },
  );
  return certificate;
}

function stunAttribute(type: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(type, 0);
  header.writeUInt16BE(value.length, 2);
  return Buffer.concat([header, value, Buffer.alloc((4 - (value.length % 4)) % 4)]);
}

/**
 * An ICE binding request as the controlling side nominating the path (RFC 8445), signed with the
 * server's password and fingerprinted (RFC 5389): what makes an ICE-lite server take the path.
 */
function bindingRequest(ice: TransportOptions['iceParameters'], localUfrag: string): Buffer {
  const priority = Buffer.alloc(4);
  priority.writeUInt32BE(0x6e001eff, 0);
  let body = Buffer.concat([
    stunAttribute(0x0006, Buffer.from(`${ice.usernameFragment}:${localUfrag}`)),
    stunAttribute(0x0024, priority),
    stunAttribute(0x802a, randomBytes(8)),
    stunAttribute(0x0025, Buffer.alloc(0)),
  ]);
  const header = Buffer.alloc(20);
  header.writeUInt16BE(0x0001, 0);
  header.writeUInt32BE(STUN_MAGIC, 4);
  randomBytes(12).copy(header, 8);
  // Each check covers the message up to itself, its length counting the attribute it sits in.
  header.writeUInt16BE(body.length + 24, 2);
  const integrity = createHmac('sha1', ice.password)
    .update(Buffer.concat([header, body]))
    .digest();
  body = Buffer.concat([body, stunAttribute(0x0008, integrity)]);
  header.writeUInt16BE(body.length + 8, 2);
  const fingerprint = Buffer.alloc(4);
  fingerprint.writeUInt32BE((crc32(Buffer.concat([header, body])) ^ 0x5354554e) >>> 0, 0);
  return Buffer.concat([header, body, stunAttribute(0x8028, fingerprint)]);
}

/** What arrived on one incoming stream: packets, and the sequence numbers they covered (RTP's own loss count). */
interface StreamCount {
  received: number;
  first: number;
  highest: number;
}

/**
 * One WebRTC transport of a participant without a media stack: ICE as the controlling side, DTLS
 * as its client (werift's), SRTP for what it sends, and for what it receives only RTP's clear
 * header, counted per stream: no decryption, no jitter buffer, no decoding, which is what makes
 * a participant of this kind cheap enough to put fifty in a room on a small machine. The server
 * does for it the ICE, DTLS, SRTP and forwarding it does for a browser's transport.
 */
export class LightTransport {
  // Room for a few hundred milliseconds of a full room's audio while its process is busy elsewhere.
  private readonly socket: Socket = createSocket({ type: 'udp4', recvBufferSize: RECEIVE_BUFFER_BYTES });
  private readonly localUfrag = randomBytes(6).toString('hex');
  private readonly counts = new Map<number, StreamCount>();
  private consent?: NodeJS.Timeout;
  private dtls?: DtlsClient;
  private srtp?: SrtpSession;
  private srtcp?: SrtcpSession;
  private onDtls?: (data: Buffer) => void;
  /** Who reads what arrives, decrypted (recording a stream, answering keyframe requests): only then is it decrypted. */
  private readers: { rtp?: (packet: Buffer) => void; rtcp?: (compound: Buffer) => void } = {};

  private constructor(
    readonly id: string,
    private readonly options: TransportOptions,
    private readonly address: { ip: string; port: number },
  ) {}

  /** Its DTLS parameters (the server's connect request), then the ICE and DTLS handshakes. */
  static async open(
    options: TransportOptions,
    connect: (dtls: { role: 'client'; fingerprints: { algorithm: 'sha-256'; value: string }[] }) => Promise<void>,
  ): Promise<LightTransport> {
    const candidate = options.iceCandidates.find((one) => one.protocol === 'udp');
    if (!candidate) throw new Error('the server offered no UDP candidate');
    const transport = new LightTransport(options.id, options, { ip: candidate.address ?? candidate.ip, port: candidate.port });
    const { certPem, keyPem, signatureHash, fingerprint } = await localCertificate();
    await connect({ role: 'client', fingerprints: [{ algorithm: 'sha-256', value: fingerprint }] });
    await transport.handshake(certPem, keyPem, signatureHash);
    return transport;
  }

  private async handshake(cert: string, key: string, signatureHash: SignatureHash): Promise<void> {
    const { socket } = this;
    await new Promise<void>((resolve) => socket.bind(0, resolve));
    const nominated = new Promise<void>((resolve) => {
      socket.on('message', (packet) => {
        const first = packet[0]!;
        if (first < 4) {
          // A binding success response: the server took the path.
          if (packet.readUInt16BE(0) === 0x0101) resolve();
        } else if (first >= 20 && first <= 63) this.onDtls?.(packet);
        else if (first >= 128 && first <= 191) this.media(packet);
      });
    });
    const check = () => socket.send(bindingRequest(this.options.iceParameters, this.localUfrag), this.address.port, this.address.ip);
    check();
    this.consent = setInterval(check, CONSENT_INTERVAL_MS);
    await nominated;
    // werift's DTLS reads and writes through this; it sets `onData` to its own reader.
    const wire = {
      type: 'udp',
      address: socket.address(),
      closed: false,
      onData: (_data: Buffer, _from: readonly [string, number]) => undefined as void,
      send: async (data: Buffer) => void socket.send(data, this.address.port, this.address.ip),
      close: async () => undefined,
    };
    this.onDtls = (data) => wire.onData(data, [this.address.ip, this.address.port]);
    const dtls = new DtlsClient({ cert, key, signatureHash, srtpProfiles: [SRTP_AES128_CM_HMAC_SHA1_80], extendedMasterSecret: true, transport: wire });
    this.dtls = dtls;
    await new Promise<void>((resolve, reject) => {
      dtls.onConnect.once(() => resolve());
      dtls.onError.once((error) => reject(error));
      dtls.connect().catch(reject);
    });
    const profile = dtls.srtp.srtpProfile!;
    const { localKey, localSalt, remoteKey, remoteSalt } = dtls.extractSessionKeys(keyLength(profile), saltLength(profile));
    const config = { keys: { localMasterKey: localKey, localMasterSalt: localSalt, remoteMasterKey: remoteKey, remoteMasterSalt: remoteSalt }, profile };
    this.srtp = new SrtpSession(config);
    this.srtcp = new SrtcpSession(config);
  }

  private media(packet: Buffer): void {
    const isRtcp = packet[1]! >= 192 && packet[1]! <= 223;
    if (!isRtcp) this.count(packet);
    const [reader, session] = isRtcp ? [this.readers.rtcp, this.srtcp] : [this.readers.rtp, this.srtp];
    if (!reader || !session) return;
    let clear: Buffer;
    try {
      clear = session.decrypt(packet);
    } catch {
      // One that fails its authentication is dropped, as a browser drops it.
      return;
    }
    reader(clear);
  }

  /** Hands what arrives, decrypted, to these readers from now on. */
  read(readers: { rtp?: (packet: Buffer) => void; rtcp?: (compound: Buffer) => void }): void {
    this.readers = { ...this.readers, ...readers };
  }

  private count(packet: Buffer): void {
    const ssrc = packet.readUInt32BE(8);
    const sequence = packet.readUInt16BE(2);
    const stream = this.counts.get(ssrc);
    if (!stream) {
      this.counts.set(ssrc, { received: 1, first: sequence, highest: sequence });
      return;
    }
    stream.received += 1;
    // The highest sequence number extended past its 16-bit wrap; a late packet leaves it as is.
    const delta = (sequence - (stream.highest & 0xffff) + 0x10000) % 0x10000;
    if (delta > 0 && delta < 0x8000) stream.highest += delta;
  }

  /** Packets received on a stream and those its sequence numbers say were lost, as RTCStats counts them. */
  received(ssrc: number): { packetsReceived: number; packetsLost: number } {
    const stream = this.counts.get(ssrc);
    if (!stream) return { packetsReceived: 0, packetsLost: 0 };
    return { packetsReceived: stream.received, packetsLost: Math.max(0, stream.highest - stream.first + 1 - stream.received) };
  }

  /** Sends one RTP packet, SRTP-protected, with one-byte header extensions (RFC 8285). */
  sendRtp(
    header: { payloadType: number; sequenceNumber: number; timestamp: number; ssrc: number; marker?: boolean; extensions: { id: number; payload: Buffer }[] },
    payload: Buffer,
  ): void {
    if (!this.srtp) return;
    const rtp = new RtpHeader({ ...header, marker: header.marker ?? false, extension: header.extensions.length > 0, extensionProfile: 0xbede });
    this.socket.send(this.srtp.encrypt(payload, rtp), this.address.port, this.address.ip);
  }

  /** Sends an RTCP packet, SRTCP-protected. */
  sendRtcp(compound: Buffer): void {
    if (this.srtcp) this.socket.send(this.srtcp.encrypt(compound), this.address.port, this.address.ip);
  }

  close(): void {
    clearInterval(this.consent);
    this.dtls?.close();
    this.socket.close();
  }
}
