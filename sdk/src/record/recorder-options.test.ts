import { describe, expect, it } from 'vitest';
import { checkRecorderOptions } from './recorder-options.js';

describe('checkRecorderOptions', () => {
  it('accepts the documented options', () => {
    expect(
      checkRecorderOptions({
        upload: 'download',
        onIssueOnly: true,
        bufferSeconds: 30,
        networkDetailAllowUrls: ['/api/', /\/graphql$/],
        unmaskSelectors: ['.public'],
        determinism: true,
      }),
    ).toEqual([]);
  });

  it('names each bad option', () => {
    const problems = checkRecorderOptions({
      upload: 'email' as never,
      bufferSeconds: -1,
      networkDetailAllowUrls: [42 as never],
      unmaskSelectors: '.public' as never,
    });
    expect(problems).toEqual([
      "upload must be 'endpoint', 'download' or false, got email",
      'bufferSeconds must be a positive number of seconds, got -1',
      'unmaskSelectors must be an array of strings',
      'networkDetailAllowUrls must be an array of strings or regular expressions',
    ]);
  });
});
