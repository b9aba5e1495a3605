// A React app as React apps are written: function components, controlled inputs, React Router
// (a search page and a notes page), fetch to a REST API on another origin (window.NOTES_API), a
// debounced search in an effect, prices over a WebSocket, and notes posted with
// crypto.randomUUID() and Date.now() in their bodies. window.NOTES_BUG breaks Add note.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { postNote } from '../bundled/notes-api.js';

const api = window.NOTES_API;

function useDebounced(value, ms) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function Search() {
  const [q, setQ] = useState('');
  const [results, setResults] = useState([]);
  const query = useDebounced(q, 300);
  useEffect(() => {
    if (!query) return;
    fetch(`${api}/api/search?q=${encodeURIComponent(query)}`)
      .then((r) => r.json())
      .then((body) => setResults(body.results));
  }, [query]);
  return (
    <section>
      <label>
        Search <input type="search" autoComplete="off" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <ul id="results">
        {results.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </section>
  );
}

function Notes() {
  const [text, setText] = useState('');
  const [notes, setNotes] = useState([]);
  const add = async (event) => {
    event.preventDefault();
    const draft = window.NOTES_BUG ? null : text;
    const note = await postNote(api, draft.trim());
    setNotes((all) => [...all, note]);
    setText('');
  };
  return (
    <form onSubmit={add}>
      <label>
        Note <input value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit">Add note</button>
      <ul id="notes">
        {notes.map((n) => (
          <li key={n.id}>{n.text}</li>
        ))}
      </ul>
    </form>
  );
}

function Ticker() {
  const [price, setPrice] = useState(null);
  useEffect(() => {
    const socket = new WebSocket(`${api.replace(/^http/, 'ws')}/api/live`);
    socket.onopen = () => socket.send(JSON.stringify({ subscribe: 'prices' }));
    socket.onmessage = (event) => setPrice(event.data);
    return () => socket.close();
  }, []);
  return <p id="ticker">{price ? `EUR ${price}` : 'waiting for prices'}</p>;
}

function App() {
  return (
    <BrowserRouter>
      <h1>Notes</h1>
      <nav>
        <Link to="/">Search</Link> <Link to="/notes">Notes</Link>
      </nav>
      <Routes>
        <Route path="/" element={<Search />} />
        <Route path="/notes" element={<Notes />} />
      </Routes>
      <Ticker />
    </BrowserRouter>
  );
}

createRoot(document.getElementById('root')).render(<App />);
