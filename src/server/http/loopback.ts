// Which listening addresses keep the app on this machine.

/** Is this one of the names that reach only this machine (for FELLOWSHIP_HOST: 127.0.0.1, ::1, localhost)? */
export function isLoopbackName(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
