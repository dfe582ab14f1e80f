/** decodeURIComponent for values from the network: malformed percent-encoding gives undefined, not an exception. */
export function percentDecoded(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}
