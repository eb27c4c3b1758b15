// Cookies, read and set only where the app uses them (login, logout, the session check). Not the
// @fastify/cookie plugin: it adds an onSend hook to every request (and, by default, parses the Cookie
// header of every request), which public verification — most of the traffic, and cookie-free — paid
// for on each answer (decision 020).

import { parseCookie, stringifySetCookie, type SetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type CookieOptions = Omit<SetCookie, 'name' | 'value'>;

/** A cookie the request carries (undefined when absent). */
export function cookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookie(header)[name] : undefined;
}

/** Add a Set-Cookie header (Fastify keeps every set-cookie header given, one per cookie). */
export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  reply.header('set-cookie', stringifySetCookie({ name, value, ...options }));
}

/** Tell the browser to drop a cookie (same name and path). */
export function clearCookie(reply: FastifyReply, name: string, options: CookieOptions): void {
  setCookie(reply, name, '', { ...options, expires: new Date(0), maxAge: 0 });
}
