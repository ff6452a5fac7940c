// What an uploaded image is, read from its first bytes rather than from what the sender
// claims: PNG (signature, then the IHDR chunk with width and height) or JPEG (SOI marker,
// then the first start-of-frame segment). No decoder: the header is all we need.

export type ImageType = 'image/png' | 'image/jpeg';
export type ImageHeader = { type: ImageType; width: number | null; height: number | null };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image's type and size, or null when the bytes are neither PNG nor JPEG. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  if (isPng(bytes)) return { type: 'image/png', ...pngSize(bytes) };
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { type: 'image/jpeg', ...jpegSize(bytes) };
  }
  return null;
}

function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

type Size = { width: number | null; height: number | null };
const UNKNOWN: Size = { width: null, height: null };

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** IHDR is always the first chunk: length (4), "IHDR" (4), width (4), height (4). */
function pngSize(bytes: Uint8Array): Size {
  if (bytes.length < 24) return UNKNOWN;
  const isIhdr = bytes[12] === 0x49 && bytes[13] === 0x48 && bytes[14] === 0x44 && bytes[15] === 0x52;
  if (!isIhdr) return UNKNOWN;
  const data = view(bytes);
  return positive({ width: data.getUint32(16), height: data.getUint32(20) });
}

/** Walks the segments after SOI up to the first SOFn (C0–CF but C4, C8 and CC). */
function jpegSize(bytes: Uint8Array): Size {
  const data = view(bytes);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return UNKNOWN;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    const length = data.getUint16(offset + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > bytes.length) return UNKNOWN;
      return positive({ height: data.getUint16(offset + 5), width: data.getUint16(offset + 7) });
    }
    if (marker === 0xd9 || length < 2) return UNKNOWN;
    offset += 2 + length;
  }
  return UNKNOWN;
}

/** Sizes that fit a database integer; zero or absurd ones are left unknown. */
function positive(size: { width: number; height: number }): Size {
  const ok = (value: number) => value > 0 && value <= 1_000_000;
  return ok(size.width) && ok(size.height) ? size : UNKNOWN;
}
