// Which address a request came from, for the sign-in limit and the audit log. Behind a reverse proxy the
// connecting peer is the proxy, and the client is in X-Forwarded-For; but anyone can send that header,
// so it is believed only when the peer is a proxy the operator named (HEADWAY_TRUSTED_PROXIES), and
// then only as far as the right-most address that no trusted proxy wrote.
import net from 'node:net';
import { HeadwayError } from '../errors.ts';

/** The proxies whose X-Forwarded-For is believed; empty: the header is ignored. */
export interface TrustedProxies {
  readonly list: net.BlockList;
  readonly empty: boolean;
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? (mapped[1] as string) : address;
}

/** One entry of X-Forwarded-For without a port or brackets (`[2001:db8::1]:443`, `10.0.0.1:5000`). */
function entryAddress(entry: string): string | null {
  const trimmed = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(trimmed);
  const address = normalise(bracketed?.[1] ?? v4WithPort?.[1] ?? trimmed);
  return net.isIP(address) ? address : null;
}

const familyOf = (address: string) => (net.isIPv6(address) ? 'ipv6' : 'ipv4');

/**
 * Parses a comma-separated list of addresses and CIDR ranges (`10.0.0.1, 10.1.0.0/16, fd00::/8`).
 * A wrong entry stops the server at start-up rather than being silently ignored.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new net.BlockList();
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [rawAddress = '', prefix, ...rest] = entry.split('/');
    const address = normalise(rawAddress);
    const bits = prefix === undefined ? null : Number(prefix);
    const family = familyOf(address);
    const maxBits = family === 'ipv6' ? 128 : 32;
    if (
      !net.isIP(address) ||
      rest.length > 0 ||
      (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))
    ) {
      throw new HeadwayError(
        'invalid',
        `HEADWAY_TRUSTED_PROXIES: "${entry}" is not an address or a range (use e.g. 10.0.0.1, 10.1.0.0/16 or fd00::/8)`,
      );
    }
    if (bits === null) list.addAddress(address, family);
    else list.addSubnet(address, bits, family);
  }
  return { list, empty: entries.length === 0 };
}

export const noTrustedProxies: TrustedProxies = parseTrustedProxies(undefined);

function isTrusted(trusted: TrustedProxies, address: string): boolean {
  return !trusted.empty && trusted.list.check(address, familyOf(address));
}

/**
 * The client's address: the peer itself, unless the peer is a trusted proxy; then walk X-Forwarded-For
 * from the right (each proxy appends the address it saw) and take the first address that is not a
 * trusted proxy. Entries to its left were written by the client and are not believed. When every entry
 * is a trusted proxy, the left-most is the client; an unreadable entry ends the walk at the last
 * trusted hop, which is what a trusted proxy vouched for.
 */
export function clientAddressFrom(
  peer: string | null,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string | null {
  if (!peer) return null;
  let address = normalise(peer);
  if (!forwardedFor || !isTrusted(trusted, address)) return address;
  const hops = forwardedFor.split(',').reverse();
  for (const hop of hops) {
    const next = entryAddress(hop);
    if (!next) return address;
    address = next;
    if (!isTrusted(trusted, address)) return address;
  }
  return address;
}
