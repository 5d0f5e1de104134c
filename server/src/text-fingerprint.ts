// A 53-bit fingerprint of a string (two 32-bit FNV-1a variants with different seeds, combined), for
// "is this the same as what was sent last time" without keeping what was sent. Not cryptographic: the
// texts compared are the server's own output, never chosen to collide.

/** Equal strings give equal fingerprints; different ones almost never do (about 1 in 2^53). */
export function textFingerprint(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x2f0b3c4d;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  // 21 bits of one and 32 of the other: an exact double.
  return (a >>> 11) * 0x100000000 + (b >>> 0);
}
