// Waiting for something a page or server does on its own time, by polling a check, never by
// sleeping a fixed time.
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
