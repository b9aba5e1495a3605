import type { HarExchange } from '../sources/har.js';
import type { BuildMasker } from './build-masker.js';

/**
 * Exchanges from a source the recorder never saw (a HAR, a Sentry replay's
 * spans), with the recorder's privacy rules applied: first every sent body is
 * remembered, so a value the user sent is masked alike in every response and
 * URL, then URLs and bodies are masked.
 */
export function maskSourceExchanges(exchanges: HarExchange[], masker: BuildMasker): HarExchange[] {
  for (const { exchange } of exchanges) {
    if (exchange.method !== 'GET') masker.rememberSent(exchange.request.body);
  }
  return exchanges.map((source) => {
    const { exchange } = source;
    return {
      ...source,
      exchange: {
        ...exchange,
        url: masker.url(exchange.url),
        request: { ...exchange.request, body: masker.body(exchange.request.body) },
        response: exchange.response && { ...exchange.response, body: masker.body(exchange.response.body) },
      },
    };
  });
}
