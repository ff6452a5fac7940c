// Reading a request body without trusting its size: the REST API's JSON, image uploads and the
// tRPC endpoint all stop reading as soon as a body passes their limit, so a huge or endless body
// costs at most `limit` bytes of memory.

/** The body's bytes; throws `tooLarge()` once they (or the declared Content-Length) pass `limit`. */
export async function readBodyWithin(request: Request, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  const declaredLength = declared === null ? NaN : Number(declared);
  if (Number.isFinite(declaredLength) && declaredLength > limit) throw tooLarge();
  if (!request.body) return new Uint8Array();
  if (Number.isInteger(declaredLength) && declaredLength >= 0) {
    // A declared length within the limit: HTTP framing bounds the body, so read it at once
    // (much cheaper than a chunk-by-chunk read), and check it anyway.
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > limit) throw tooLarge();
    return bytes;
  }

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
