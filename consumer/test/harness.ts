// Starts a consumer for a test and talks to it over real HTTP.
import { pino } from 'pino';
import { type ConsumerOptions, type RunningConsumer, startConsumer } from '../src/runtime/consumer.js';
import { pgliteTemplate } from './template.js';

export async function startTestConsumer(options: ConsumerOptions = {}): Promise<RunningConsumer> {
  return startConsumer({
    port: 0,
    dataDir: 'memory://',
    embeddedTemplate: pgliteTemplate(),
    logger: pino({ level: process.env.PLAYBACK_TEST_LOG_LEVEL ?? 'silent' }),
    ...options,
  });
}

export interface Posted {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function post(
  consumer: RunningConsumer,
  path: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
): Promise<Posted> {
  const response = await fetch(consumer.url + path, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body,
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { text };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** The headers that open a consumer's read and control API (closed by default: a token per start). */
export function apiHeaders(consumer: RunningConsumer): Record<string, string> {
  return consumer.apiToken ? { authorization: `Bearer ${consumer.apiToken.token}` } : {};
}

/** fetch on the consumer's API, with its token. */
export function apiFetch(consumer: RunningConsumer, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(consumer.url + path, {
    ...init,
    headers: { ...apiHeaders(consumer), ...(init.headers as Record<string, string> | undefined) },
  });
}

export async function getJson<T = Record<string, unknown>>(
  consumer: RunningConsumer,
  path: string,
): Promise<T> {
  const response = await apiFetch(consumer, path);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const envelopePath = (projectId: number, key: string) =>
  `/api/${projectId}/envelope/?sentry_key=${key}&sentry_version=7`;
export const issuesPath = (projectId: number, key: string) => `/api/${projectId}/issues/?sentry_key=${key}`;
export const playbackPath = (projectId: number, key: string) =>
  `/api/${projectId}/playback/?sentry_key=${key}`;
