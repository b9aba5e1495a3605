import { useEffect, useRef, useState } from 'react';

/** Background activity: a clock, a carousel and a feed that change on their own. */
function Background() {
  const [now, setNow] = useState(() => new Date());
  const [slide, setSlide] = useState(0);
  const [feed, setFeed] = useState<number[]>([]);
  useEffect(() => {
    const clock = setInterval(() => setNow(new Date()), 500);
    const carousel = setInterval(() => setSlide((s) => (s + 1) % 3), 700);
    const stream = setInterval(() => setFeed((f) => [...f.slice(-4), Date.now()]), 900);
    return () => {
      clearInterval(clock);
      clearInterval(carousel);
      clearInterval(stream);
    };
  }, []);
  // Counted once the change is in the DOM (effects run after the commit), for the tests.
  useEffect(() => {
    if (now) window.__playback.background!.clock++;
  }, [now]);
  useEffect(() => {
    if (slide >= 0) window.__playback.background!.carousel++;
  }, [slide]);
  useEffect(() => {
    if (feed) window.__playback.background!.feed++;
  }, [feed]);
  return (
    <header className="background">
      <span data-testid="clock">{now.toISOString().slice(11, 21)}</span>
      <div className={`carousel slide-${slide}`} data-testid="carousel">
        Slide {slide + 1}
      </div>
      <ul data-testid="feed">
        {feed.map((t) => (
          <li key={t}>update {t % 10_000}</li>
        ))}
      </ul>
    </header>
  );
}

export function App({ slowFetchMs, dashboardUrl }: { slowFetchMs: number; dashboardUrl?: string }) {
  const [panel, setPanel] = useState(false);
  const [slowResult, setSlowResult] = useState('');
  const [menu, setMenu] = useState(false);
  const [count, setCount] = useState(0);
  const dialog = useRef<HTMLDialogElement>(null);
  // Like any dropdown: Escape closes the menu.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenu(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <main>
      {dashboardUrl && (
        <p data-testid="dashboard-hint">
          Click the buttons below: the broken ones become click issues in{' '}
          <a href={dashboardUrl} target="_blank" rel="noreferrer">
            the Playback dashboard
          </a>
          . A dead click is reported once nothing has answered it for 7 seconds.
        </p>
      )}
      <Background />
      <section>
        <h2>Broken</h2>
        <button type="button" data-testid="dead-button" onClick={() => {}}>
          Pay now
        </button>
        <div data-testid="dead-card" style={{ cursor: 'pointer', padding: 8 }}>
          Open order
        </div>
        <button type="button" data-testid="rage-button">
          Apply coupon
        </button>
        <button
          type="button"
          data-testid="error-button"
          onClick={() => {
            throw new TypeError('Cannot read properties of undefined (reading "total")');
          }}
        >
          Checkout
        </button>
        <button
          type="button"
          data-testid="rejection-button"
          onClick={() => {
            void Promise.reject(new Error('Payment service unavailable'));
          }}
        >
          Retry payment
        </button>
      </section>
      <section>
        <h2>Slow</h2>
        <button
          type="button"
          data-testid="slow-button"
          onClick={async () => {
            const res = await fetch(`/api/slow?ms=${slowFetchMs}`);
            const body = (await res.json()) as { waitedMs: number };
            setSlowResult(`Loaded after ${body.waitedMs} ms`);
          }}
        >
          Load report
        </button>
        <output data-testid="slow-result">{slowResult}</output>
      </section>
      <section>
        <h2>Working</h2>
        <button type="button" data-testid="working-button" onClick={() => setPanel((p) => !p)}>
          Show details
        </button>
        {panel && <p data-testid="details-panel">Order #42: 3 items</p>}
        <div className="stepper">
          <button type="button" data-testid="stepper-minus" onClick={() => setCount((c) => c - 1)}>
            −
          </button>
          <span data-testid="stepper-value">{count}</span>
          <button type="button" data-testid="stepper-plus" onClick={() => setCount((c) => c + 1)}>
            +
          </button>
        </div>
        <button type="button" data-testid="dialog-button" onClick={() => dialog.current?.showModal()}>
          Edit address
        </button>
        <dialog ref={dialog}>
          <form method="dialog">
            <button type="submit">Close</button>
          </form>
        </dialog>
        <button
          type="button"
          data-testid="copy-button"
          onClick={() => void navigator.clipboard?.writeText('ORDER-42').catch(() => {})}
        >
          Copy order id
        </button>
        <button
          type="button"
          data-testid="nav-button"
          onClick={() => window.history.pushState({}, '', '/orders/42')}
        >
          Go to order
        </button>
      </section>
      <section>
        <h2>Traps</h2>
        <a data-testid="download-link" href="/files/report.csv" download>
          Download CSV
        </a>
        <a data-testid="new-tab-link" href="/plain.html" target="_blank" rel="noreferrer">
          Open help
        </a>
        <label>
          Attachment <input data-testid="file-input" type="file" />
        </label>
        <label>
          Delivery date <input data-testid="date-input" type="date" />
        </label>
        <div className="dropdown">
          {/* biome-ignore lint/a11y/useSemanticElements: the trap is a custom widget that opens on mousedown */}
          <div
            role="button"
            tabIndex={0}
            data-testid="mousedown-dropdown"
            onMouseDown={() => setMenu((m) => !m)}
          >
            Sort by ▾
          </div>
          {menu && (
            <div role="menu">
              <div role="menuitem" tabIndex={-1}>
                Price
              </div>
              <div role="menuitem" tabIndex={-1}>
                Date
              </div>
            </div>
          )}
        </div>
        <button
          type="button"
          data-testid="audio-button"
          onClick={() => void new Audio('/media/beep.wav').play().catch(() => {})}
        >
          Play sound
        </button>
        <p data-testid="selectable-text">
          Select this sentence to copy the shipping address of the order by hand.
        </p>
        <button type="button" data-testid="disabled-button" disabled>
          Submit (disabled)
        </button>
        <button type="button" className="no-click-issues" data-testid="opted-out-button">
          Legacy action
        </button>
        <div data-playback-ignore="">
          <button type="button" data-testid="ignored-button">
            Not judged
          </button>
        </div>
      </section>
    </main>
  );
}
