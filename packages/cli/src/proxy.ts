// Proxies for the CLI: HTTPS_PROXY, HTTP_PROXY and NO_PROXY (lower-case forms first, as curl and
// undici read them), through undici's EnvHttpProxyAgent and undici's own fetch. Node's global fetch
// ignores these variables, and Node 20's bundled undici is not the npm one, so the dispatcher is
// handed to the npm undici's fetch rather than set as the global dispatcher.
//
// - No proxy variable: no fetch is returned and the library keeps the global fetch.
// - HTTP_PROXY serves http:// URLs (sent to the proxy in absolute form, as curl does, since many
//   proxies refuse CONNECT to ports other than 443) and, when HTTPS_PROXY is not set, https:// URLs
//   too (CONNECT tunnels). A proxy given without a scheme (`proxy:3128`) is http://.
// - NO_PROXY: comma- or space-separated host names (each also covers its subdomains; a leading `.`
//   or `*.` is allowed), optionally with `:port`, or `*` for everything. No CIDR ranges, and
//   `localhost` does not cover 127.0.0.1.
// - Loopback (localhost, *.localhost, 127.0.0.0/8, ::1) always goes direct: a proxy elsewhere cannot
//   reach this machine's loopback, and --mock and a local Bifrost gateway live there. (undici would
//   send it to the proxy unless NO_PROXY named it.)
// - A proxy URL may hold credentials (http://user:password@proxy:3128). They are sent only to the
//   proxy, in Proxy-Authorization, and never printed: a bad URL is reported by variable name, and any
//   error from a request is redacted of them (undici's do not quote the proxy URL today).
import { createRedactor } from 'mediajobs';
import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { Env } from './io.js';
import { UsageError } from './usage-error.js';

/** The first of the variables that is set and not blank, with its name. */
function variable(env: Env, ...names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** `proxy:3128` as `http://proxy:3128`; a URL with a scheme as it is. */
function withScheme(value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
}

/** The user and password in a proxy URL, in every form they travel in, for redaction. */
function credentialsOf(value: string): string[] {
  const userinfo = withScheme(value).match(/^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i)?.[1];
  if (!userinfo) return [];
  const colon = userinfo.indexOf(':');
  const [user, password] = colon < 0 ? [userinfo, ''] : [userinfo.slice(0, colon), userinfo.slice(colon + 1)];
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const plain = `${decode(user)}:${decode(password)}`;
  // Without a password the user name is the secret (a token as user name).
  const secrets = password ? [password, decode(password), userinfo, plain] : [user, decode(user)];
  return [...secrets, Buffer.from(plain).toString('base64')].filter((secret) => secret.length > 0);
}

/**
 * Every credential in the proxy variables, for a redactor of what the command prints (add them to
 * the keys it already knows). Empty when no proxy URL holds one.
 */
export function proxyCredentials(env: Env = process.env): string[] {
  return ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].flatMap((name) => {
    const value = env[name]?.trim();
    return value ? credentialsOf(value) : [];
  });
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1 (as a URL's hostname spells them). */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '[::1]' ||
    host === '::1' ||
    /^\[::ffff:(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|7f[0-9a-f]{2}:[0-9a-f]{1,4})\]$/.test(host)
  );
}

/**
 * A fetch that sends requests through the proxies that `env` names (HTTPS_PROXY, HTTP_PROXY,
 * NO_PROXY and their lower-case forms), or undefined when it names none: then keep the global fetch.
 * Only `env` is read, never process.env behind its back. Throws a UsageError, naming the variable and
 * never its value, when a proxy URL cannot be used.
 */
export function proxyFetchFromEnv(env: Env = process.env): typeof fetch | undefined {
  const http = variable(env, 'http_proxy', 'HTTP_PROXY');
  const https = variable(env, 'https_proxy', 'HTTPS_PROXY');
  if (!http && !https) return undefined;
  const noProxy = variable(env, 'no_proxy', 'NO_PROXY')?.value ?? '';
  const redactor = createRedactor(() => [http, https].flatMap((proxy) => (proxy ? credentialsOf(proxy.value) : [])));

  for (const proxy of [http, https]) {
    if (!proxy) continue;
    let url: URL | undefined;
    try {
      url = new URL(withScheme(proxy.value));
    } catch {
      // URL's error carries the whole input, credentials included: not passed on.
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) {
      throw new UsageError(
        `${proxy.name} is not a proxy URL this command can use; give http://[user:password@]host:port (or https://)`,
      );
    }
  }

  let proxied: Dispatcher;
  try {
    proxied = new EnvHttpProxyAgent({
      // '' rather than undefined: undici would fall back to process.env.
      httpProxy: http ? withScheme(http.value) : '',
      httpsProxy: https ? withScheme(https.value) : '',
      noProxy,
      proxyTunnel: false,
    });
  } catch (error) {
    const reason = error instanceof Error ? redactor.text(error.message) : 'unknown error';
    throw new UsageError(`The proxy variables cannot be used: ${reason}`);
  }
  const direct = new Agent();

  const proxyFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    let url = String(input);
    let options = init;
    if (typeof input !== 'string' && !(input instanceof URL)) {
      // A Request of Node's own fetch is not one of undici's: passed on as its parts.
      url = input.url;
      const body = input.body === null ? undefined : await input.arrayBuffer();
      const { method, headers, signal, redirect } = input;
      options = { method, headers, body, signal, redirect, ...init };
    }
    const dispatcher = isLoopback(new URL(url).hostname) ? direct : proxied;
    try {
      return (await undiciFetch(url, {
        ...(options as Parameters<typeof undiciFetch>[1]),
        dispatcher,
      })) as unknown as Response;
    } catch (error) {
      throw redactor.error(error);
    }
  };
  return proxyFetch as typeof fetch;
}
