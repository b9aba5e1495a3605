import type { ComponentChildren } from 'preact';

export function EmptyState({
  title,
  children,
  testId,
}: {
  title: string;
  children?: ComponentChildren;
  testId?: string;
}) {
  return (
    <section class="empty" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function ErrorNotice({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div class="notice notice-error" role="alert">
      <strong>Could not load this.</strong> {error.message}
      {retry && (
        <button type="button" class="button button-small" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
