// Shown when the consumer runs with PLAYBACK_API_TOKEN and this browser has no (or a wrong) token.
import { useState } from 'preact/hooks';
import { apiToken, setApiToken } from '../api/client';

export function TokenPrompt() {
  const [value, setValue] = useState('');
  const hadToken = apiToken() !== null;
  return (
    <section class="card narrow" data-testid="token-prompt">
      <h1>This consumer needs an API token</h1>
      <p class="muted">
        It was started with <code>PLAYBACK_API_TOKEN</code>.{' '}
        {hadToken ? 'The token this browser has was refused. ' : ''}Enter the token; it is kept in this
        browser only.
      </p>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) setApiToken(value.trim());
        }}
      >
        <input
          type="password"
          class="input"
          aria-label="API token"
          placeholder="API token"
          value={value}
          onInput={(event) => setValue((event.target as HTMLInputElement).value)}
        />
        <button type="submit" class="button button-primary">
          Continue
        </button>
      </form>
    </section>
  );
}
