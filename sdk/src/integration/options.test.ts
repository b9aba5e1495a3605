import { afterEach, describe, expect, it, vi } from 'vitest';
import { clickIssuesIntegration } from '../entries/all-paths.js';
import { createClickIssues } from './create-click-issues.js';
import { checkClickIssuesOptions } from './options.js';

describe('options', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('explains options that cannot work', () => {
    expect(checkClickIssuesOptions({})).toEqual([]);
    expect(checkClickIssuesOptions({ deadTimeoutMs: -1 })[0]).toMatch(
      /deadTimeoutMs must be a positive number/,
    );
    expect(checkClickIssuesOptions({ slowThresholdMs: 8000 })).toEqual([
      'slowThresholdMs (8000) must be less than deadTimeoutMs (7000)',
    ]);
  });

  it('switches off with one warning instead of throwing into the app', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const clickIssues = createClickIssues({ onIssue: () => {}, deadTimeoutMs: 100, slowThresholdMs: 500 });
    expect(() => {
      clickIssues.start();
      clickIssues.stop();
    }).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/click issues are off: slowThresholdMs \(500\)/);
  });

  it('refuses unknown report paths and empty experiments, without throwing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fakeClient = {} as never;
    expect(() => clickIssuesIntegration({ report: 'email' as never }).setup(fakeClient)).not.toThrow();
    expect(() => clickIssuesIntegration({ report: { exception: 0 } }).setup(fakeClient)).not.toThrow();
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/unknown report path "email"/),
      expect.stringMatching(/at least one report path needs a weight above 0/),
    ]);
  });
});
