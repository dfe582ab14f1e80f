/**
 * A few seconds of synthetic speech-like sound, as a WAV file for Chromium's fake microphone
 * (--use-file-for-fake-audio-capture). Chromium's own fake microphone beeps: a pure tone, which
 * Opus's classifier takes for music and codes in CELT mode, where Opus has no in-band FEC at all.
 * A voice is what a tumor board sends, and what Opus codes in SILK mode with FEC: this is a crude
 * one (a glottal pulse train whose pitch wanders, through vowel formants, in syllables, with
 * fricatives and pauses), made here so that no recording has to be shipped.
 */

const RATE = 48_000;

/** Vowel formants (Hz), roughly Spanish a, e, i, o, u. */
const VOWELS: [number, number, number][] = [
  [730, 1090, 2440],
  [530, 1840, 2480],
  [270, 2290, 3010],
  [570, 840, 2410],
  [300, 870, 2240],
];

/** A two-pole resonator at `frequency` with `bandwidth`, keeping its state across calls. */
function resonator(): (input: number, frequency: number, bandwidth: number) => number {
  let y1 = 0;
  let y2 = 0;
  return (input, frequency, bandwidth) => {
    const r = Math.exp((-Math.PI * bandwidth) / RATE);
    const a1 = 2 * r * Math.cos((2 * Math.PI * frequency) / RATE);
    const a2 = -r * r;
    const y = (1 - r) * input + a1 * y1 + a2 * y2;
    y2 = y1;
    y1 = y;
    return y;
  };
}

/** Deterministic noise, so every run sends the same sound. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 31 - 1;
  };
}

export function speechLikeWav(seconds = 12): Buffer {
  const samples = new Float32Array(Math.round(seconds * RATE));
  const formants = [resonator(), resonator(), resonator()];
  const hiss = resonator();
  const random = noise(7);
  let phase = 0;
  let t = 0;
  let syllable = 0;
  while (t < samples.length) {
    // A word of 2–4 syllables, then a short gap; every fourth word a longer pause.
    const syllables = 2 + (syllable % 3);
    for (let s = 0; s < syllables && t < samples.length; s++, syllable++) {
      const [from, to] = [VOWELS[syllable % VOWELS.length]!, VOWELS[(syllable * 3 + 1) % VOWELS.length]!];
      // A fricative or plosive-like burst of noise before every other syllable.
      const consonant = syllable % 2 === 0 ? Math.round(0.06 * RATE) : 0;
      for (let i = 0; i < consonant && t < samples.length; i++, t++) samples[t] = 0.08 * hiss(random(), 4500, 2500);
      const length = Math.round((0.16 + 0.08 * ((syllable * 7) % 3)) * RATE);
      for (let i = 0; i < length && t < samples.length; i++, t++) {
        const progress = i / length;
        const pitch = 120 + 35 * Math.sin((2 * Math.PI * t) / (1.7 * RATE)) + 15 * Math.sin((2 * Math.PI * t) / (0.31 * RATE));
        phase += pitch / RATE;
        // A glottal pulse per period: a short asymmetric bump.
        const cycle = phase % 1;
        const pulse = cycle < 0.4 ? Math.sin((Math.PI * cycle) / 0.4) ** 2 : 0;
        const source = pulse - 0.2 + 0.02 * random();
        let voiced = 0;
        for (let f = 0; f < 3; f++) {
          const frequency = from[f]! + (to[f]! - from[f]!) * progress;
          voiced += formants[f]!(source, frequency, 60 + 40 * f) * [1, 0.6, 0.3][f]!;
        }
        const envelope = Math.sin(Math.PI * progress) ** 0.6;
        samples[t] = 0.9 * envelope * voiced;
      }
    }
    const gap = Math.round((syllable % 4 === 0 ? 0.5 : 0.12) * RATE);
    for (let i = 0; i < gap && t < samples.length; i++, t++) samples[t] = 0.002 * random();
  }
  const peak = samples.reduce((max, value) => Math.max(max, Math.abs(value)), 0) || 1;
  const wav = Buffer.alloc(44 + samples.length * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples.length * 2, 4);
  wav.write('WAVE', 8);
  wav.write('fmt ', 12);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(RATE, 24);
  wav.writeUInt32LE(RATE * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples.length * 2, 40);
  samples.forEach((value, i) => wav.writeInt16LE(Math.round((value / peak) * 0.7 * 32767), 44 + i * 2));
  return wav;
}
