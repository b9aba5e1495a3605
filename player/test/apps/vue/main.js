// A Vue 3 app as Vue apps are written: components with templates, v-model, vue-router (a search
// page and a notes page, history mode), fetch to a REST API on another origin
// (window.NOTES_API), a debounced search in a watcher, prices over an EventSource, and notes
// posted with crypto.randomUUID() and Date.now() in their bodies. window.NOTES_BUG breaks Add note.
import { createApp, onBeforeUnmount, ref, watch } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';

const api = window.NOTES_API;

const Search = {
  setup() {
    const q = ref('');
    const results = ref([]);
    let timer;
    watch(q, (query) => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const response = await fetch(`${api}/api/search?q=${encodeURIComponent(query)}`);
        results.value = (await response.json()).results;
      }, 300);
    });
    return { q, results };
  },
  template: `<section>
    <label>Search <input type="search" autocomplete="off" v-model="q"></label>
    <ul id="results"><li v-for="r in results" :key="r">{{ r }}</li></ul>
  </section>`,
};

const Notes = {
  setup() {
    const text = ref('');
    const notes = ref([]);
    const add = () => {
      const draft = window.NOTES_BUG ? null : text.value;
      const body = JSON.stringify({ id: crypto.randomUUID(), text: draft.trim(), at: Date.now() });
      fetch(`${api}/api/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        .then((response) => response.json())
        .then(({ note }) => {
          notes.value.push(note);
          text.value = '';
        });
    };
    return { text, notes, add };
  },
  template: `<form @submit.prevent="add">
    <label>Note <input v-model="text"></label>
    <button type="submit">Add note</button>
    <ul id="notes"><li v-for="n in notes" :key="n.id">{{ n.text }}</li></ul>
  </form>`,
};

const Ticker = {
  setup() {
    const price = ref(null);
    const prices = new EventSource(`${api}/api/prices`);
    prices.addEventListener('price', (event) => {
      price.value = event.data;
    });
    onBeforeUnmount(() => prices.close());
    return { price };
  },
  template: `<p id="ticker">{{ price ? 'EUR ' + price : 'waiting for prices' }}</p>`,
};

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: Search },
    { path: '/notes', component: Notes },
  ],
});

const app = createApp({
  components: { Ticker },
  template: `<h1>Notes</h1>
    <nav><RouterLink to="/">Search</RouterLink> <RouterLink to="/notes">Notes</RouterLink></nav>
    <RouterView /><Ticker />`,
});
// An error in a handler reaches the window, as it does in development and with error monitoring.
app.config.throwUnhandledErrorInProduction = true;
app.use(router).mount('#root');
