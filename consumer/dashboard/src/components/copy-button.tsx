// Copies text to the clipboard and says so; falls back to a selection copy where the Clipboard API is off.
import { useEffect, useState } from 'preact/hooks';

/** How long "Copied" stays before the button reads "Copy" again. */
const COPIED_NOTICE_MS = 1_500;

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Permission refused: fall through to the selection copy.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      class="button button-small"
      onClick={() => copyText(text).then(() => setCopied(true))}
      aria-label={`${label}: ${text}`}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

/** A one-line command or snippet with its copy button. */
export function CodeLine({ code, testId }: { code: string; testId?: string }) {
  return (
    <div class="code-line" data-testid={testId}>
      <code>{code}</code>
      <CopyButton text={code} />
    </div>
  );
}

export function CodeBlock({ code, testId }: { code: string; testId?: string }) {
  return (
    <div class="code-block" data-testid={testId}>
      <pre>
        <code>{code}</code>
      </pre>
      <CopyButton text={code} />
    </div>
  );
}
