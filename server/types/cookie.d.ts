// cookie@0.7, the version Express and Engine.IO use, ships no types: these are the parts readCookie uses.
declare module 'cookie' {
  interface ParseOptions {
    /** Decodes each value; a thrown error keeps the raw text, whatever is returned (even undefined) is the value. */
    decode?: (value: string) => string | undefined;
  }
  /** The first value of each cookie name in a Cookie header. */
  export function parse(header: string, options?: ParseOptions): Record<string, string | undefined>;
}
