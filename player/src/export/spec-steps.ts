import type { ElementSelector, Step, StepTarget } from '@playback/detector';

const q = (text: string) => JSON.stringify(text);

/** One recorded selector as a Playwright locator expression. */
function locatorExpression(selector: ElementSelector): string {
  switch (selector.kind) {
    case 'testid':
      return `page.getByTestId(${q(selector.value)})`;
    case 'id':
      return `page.locator(${q(`[id=${JSON.stringify(selector.value)}]`)})`;
    case 'role':
      return `page.getByRole(${q(selector.role)}, { name: ${q(selector.name)}, exact: true })`;
    case 'text':
      return `page.getByText(${q(selector.value)}, { exact: true })`;
    case 'css':
      return `page.locator(${q(selector.value)})`;
  }
}

/** `locate(page, [a, b, c])`: the spec picks among the recorded alternatives as replay does. */
export function targetExpression(target: StepTarget): string {
  const alternatives = target.selectors.map(locatorExpression);
  return alternatives.length === 1 ? alternatives[0]! : `await locate([${alternatives.join(', ')}])`;
}

/** The path of a URL on the recorded origin (mapped onto BASE_URL), or the whole URL elsewhere. */
export function pathOf(url: string, origin: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin === origin ? `${parsed.pathname}${parsed.search}${parsed.hash}` : url;
  } catch {
    return url;
  }
}

const BUTTONS = ['left', 'middle', 'right'];

function modifiers(m: { alt: boolean; ctrl: boolean; meta: boolean; shift: boolean }): string[] {
  return [m.alt && 'Alt', m.ctrl && 'Control', m.meta && 'Meta', m.shift && 'Shift'].filter(
    Boolean,
  ) as string[];
}

export interface StepContext {
  origin: string;
  /** The step is a click the user saw go unanswered (dead, slow, rage): the spec asserts its reaction. */
  awaitsReaction?: string;
  /** The step is a navigation the app made itself: the spec waits for it instead of forcing it. */
  appNavigation?: boolean;
}

/** One step as test code; null for steps a test does not replay (visibility changes, blurs). */
export function stepCode(step: Step, ctx: StepContext): string | null {
  switch (step.type) {
    case 'navigate': {
      const path = pathOf(step.url, ctx.origin);
      const url = path.startsWith('/') ? `\`\${BASE_URL}${path.replace(/`/g, '\\`')}\`` : q(path);
      return ctx.appNavigation ? `await expect(page).toHaveURL(${url});` : `await page.goto(${url});`;
    }
    case 'click':
    case 'dblclick':
    case 'contextmenu': {
      const options: string[] = step.offset ? [`position: { x: ${step.offset.x}, y: ${step.offset.y} }`] : [];
      if (step.type === 'contextmenu') options.push(`button: 'right'`);
      else if (step.button !== 0) options.push(`button: ${q(BUTTONS[step.button] ?? 'left')}`);
      const mods = modifiers(step.modifiers);
      if (mods.length > 0) options.push(`modifiers: ${JSON.stringify(mods)}`);
      const method = step.type === 'dblclick' ? 'dblclick' : 'click';
      const call = `(${targetExpression(step.target)}).${method}(${options.length > 0 ? `{ ${options.join(', ')} }` : ''})`;
      return ctx.awaitsReaction
        ? `await expectReaction(async () => ${call}, ${q(ctx.awaitsReaction)});`
        : `await ${call};`;
    }
    case 'input':
      return `await (${targetExpression(step.target)}).fill(${q(step.value)});`;
    case 'paste':
      return `await (${targetExpression(step.target)}).focus();\n  await page.keyboard.insertText(${q(step.text)});`;
    case 'composition':
      return step.phase === 'end'
        ? `await (${targetExpression(step.target)}).focus();\n  await page.keyboard.insertText(${q(step.data)});`
        : null;
    case 'keydown':
      return `await page.keyboard.down(${q(step.key)});`;
    case 'keyup':
      return `await page.keyboard.up(${q(step.key)});`;
    case 'scroll':
      return step.target
        ? `await (${targetExpression(step.target)}).evaluate((el) => el.scrollTo(${step.x}, ${step.y}));`
        : `await page.evaluate(() => window.scrollTo(${step.x}, ${step.y}));`;
    case 'resize':
      return `await page.setViewportSize({ width: ${step.width}, height: ${step.height} });`;
    case 'focus':
      return `await (${targetExpression(step.target)}).focus();`;
    case 'blur':
      // Focus leaves a field because of the next step (a click, a form the app replaced).
      return null;
    case 'visibility':
      return null;
  }
}
