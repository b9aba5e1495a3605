import { describe, expect, it } from 'vitest';
import { clickIssue } from '../../test/fixtures.js';
import { issueCulprit, issueTitle } from './issue-title.js';

describe('grouper', () => {
  it('titles an issue the way a developer names it', () => {
    expect(issueTitle(clickIssue())).toBe('Dead click on button "Pay now"');
    const link = {
      tagName: 'a',
      selector: 'a.more',
      role: 'link',
      name: 'Read more',
      actionable: true,
      ignored: false,
    };
    expect(issueTitle(clickIssue({ type: 'slow', target: link }))).toBe('Slow click on link "Read more"');
    const bare = { tagName: 'div', selector: 'div.card > span', actionable: true, ignored: false };
    expect(issueTitle(clickIssue({ type: 'error', target: bare }))).toBe(
      'Error click on div "div.card > span"',
    );
    const long = { ...bare, text: 'x'.repeat(100) };
    expect(issueTitle(clickIssue({ target: long })).length).toBeLessThan(90);
    expect(issueCulprit(clickIssue({ route: '/orders/:id' }))).toBe('/orders/:id');
  });
});
