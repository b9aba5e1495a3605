// DNS rebinding: a page on evil.example whose name comes to resolve to 127.0.0.1 talks to the consumer as
// same-origin, with no CORS in the way. Its requests still name evil.example in `Host`, so the API and the
// dashboard answer only Host names this server is known by.
import { networkInterfaces } from 'node:os';

export interface HostCheckOptions {
  /** The interface the server is bound to (`127.0.0.1`, `0.0.0.0`, a name…). */
  bindHost: string;
  /** PLAYBACK_PUBLIC_URL, when the server sits behind a proxy. */
  publicUrl?: string | undefined;
  /** More names (PLAYBACK_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[] | undefined;
}

/** The host name of a Host header: port and IPv6 brackets removed, lower case. */
export function hostNameOf(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') === -1 ? undefined : host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** True for a bare host name (no port) that can only mean this machine. */
export function isLoopbackHost(name: string): boolean {
  const host = name.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(?:\.\d{1,3}){3}$/.test(host) ||
    host === '::1' ||
    host === '::ffff:127.0.0.1'
  );
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]' || host === '';

/** A function that says whether a request's Host header names this server. */
export function hostChecker(options: HostCheckOptions): (hostHeader: string | undefined) => boolean {
  const names = new Set<string>((options.allowedHosts ?? []).map((h) => hostNameOf(h)));
  const bind = options.bindHost.toLowerCase();
  if (!isWildcard(bind)) names.add(bind.replace(/^\[|\]$/g, ''));
  if (options.publicUrl) names.add(new URL(options.publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase());
  if (isWildcard(bind)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.address.toLowerCase());
    }
  }
  const loopbackOk = isWildcard(bind) || isLoopbackHost(bind);
  return (hostHeader) => {
    if (!hostHeader) return false;
    const name = hostNameOf(hostHeader);
    return names.has(name) || (loopbackOk && isLoopbackHost(name));
  };
}
