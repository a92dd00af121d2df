/**
 * A 200 JSON response written piece by piece as `parts` yields, so a large body (a whole
 * 50,000-span trace) is never held in memory at once; the next part is produced only when the
 * client has taken the previous one. An error after the first byte ends the stream, and the
 * client sees truncated JSON: check everything that can fail (access, existence) before.
 */
export function jsonStreamResponse(parts: AsyncIterable<string>): Response {
  const iterator = parts[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, { headers: { "content-type": "application/json" } });
}
