// API token strings: `fsk_` and 32 base32 characters (160 random bits). Only the SHA-256 of a
// token is stored; the token itself is shown once, when it is made.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'fsk_';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const RANDOM_BYTES = 20; // 160 bits: 32 base32 characters
export const TOKEN_PATTERN = /^fsk_[a-z2-7]{32}$/;
/** How much of a token lists show: enough to tell tokens apart, far too little to guess one. */
const DISPLAY_LENGTH = TOKEN_PREFIX.length + 8;

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function displayPrefix(token: string): string {
  return token.slice(0, DISPLAY_LENGTH);
}

export function generateToken(): { token: string; hash: string; prefix: string } {
  const token = TOKEN_PREFIX + base32(randomBytes(RANDOM_BYTES));
  return { token, hash: hashToken(token), prefix: displayPrefix(token) };
}
