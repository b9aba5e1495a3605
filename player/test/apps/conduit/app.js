// A small RealWorld ("Conduit")-style client: hash routes, a REST API on another origin
// (window.CONDUIT_API), sign-up that redirects home on its own, a feed with favorite buttons
// that all read "0", an article page with comments. window.CONDUIT_BUG breaks Post Comment.
const API = window.CONDUIT_API;
const view = document.getElementById('view');
let token = localStorage.getItem('jwt');

async function api(method, path, body) {
  const response = await fetch(`${API}/api${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Token ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
  return response.json();
}

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

async function home() {
  view.replaceChildren(el('h1', { textContent: 'Global feed' }), el('p', { textContent: 'Loading…' }));
  const [{ articles }, { tags }] = await Promise.all([api('GET', '/articles'), api('GET', '/tags')]);
  document
    .getElementById('tags')
    .replaceChildren(...tags.map((t) => el('span', { className: 'tag', textContent: t })));
  const list = articles.map((article) => {
    const favorite = el('button', {
      type: 'button',
      className: 'fav',
      textContent: String(article.favoritesCount),
    });
    favorite.addEventListener('click', async () => {
      const { article: updated } = await api('POST', `/articles/${article.slug}/favorite`);
      favorite.textContent = String(updated.favoritesCount);
    });
    return el(
      'article',
      {},
      el('a', { href: `#/article/${article.slug}`, textContent: article.title }),
      favorite,
    );
  });
  view.replaceChildren(el('h1', { textContent: 'Global feed' }), ...list);
}

function register() {
  const username = el('input', { name: 'username', placeholder: 'Username' });
  const email = el('input', { name: 'email', type: 'email', placeholder: 'Email' });
  const password = el('input', { name: 'password', type: 'password', placeholder: 'Password' });
  const submit = el('button', { type: 'submit', textContent: 'Sign up' });
  const form = el('form', {}, username, email, password, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { user } = await api('POST', '/users', {
      user: { username: username.value, email: email.value, password: password.value },
    });
    token = user.token;
    localStorage.setItem('jwt', token);
    document.getElementById('who').textContent = user.username;
    // The app's own redirect: a replay must wait for it, not force it.
    location.hash = '#/';
  });
  view.replaceChildren(el('h1', { textContent: 'Sign up' }), form);
}

async function article(slug) {
  const [{ article: a }, { comments }] = await Promise.all([
    api('GET', `/articles/${slug}`),
    api('GET', `/articles/${slug}/comments`),
  ]);
  const list = el('ul', { id: 'comments' }, ...comments.map((c) => el('li', { textContent: c.body })));
  const body = el('textarea', { name: 'comment', placeholder: 'Write a comment…' });
  const post = el('button', { type: 'button', textContent: 'Post Comment' });
  post.addEventListener('click', async () => {
    if (window.CONDUIT_BUG) throw new TypeError("Cannot read properties of undefined (reading 'body')");
    const { comment } = await api('POST', `/articles/${slug}/comments`, { comment: { body: body.value } });
    list.append(el('li', { textContent: comment.body }));
    body.value = '';
  });
  view.replaceChildren(
    el('h1', { textContent: a.title }),
    el('p', { textContent: a.body }),
    list,
    body,
    post,
  );
}

function route() {
  const hash = location.hash || '#/';
  if (hash === '#/register') return register();
  const match = /^#\/article\/([\w-]+)$/.exec(hash);
  if (match) return article(match[1]);
  return home();
}

window.addEventListener('hashchange', route);
route();
