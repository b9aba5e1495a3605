// A small checkout: products from the API (fetch), a coupon check (XHR), payment (fetch),
// a review page reached through the history API, and an analytics beacon.
const $ = (id) => document.getElementById(id);

function luhnValid(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

function problemsOf(form) {
  const problems = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email)) problems.push('email');
  if (!luhnValid(form.card.replace(/\D/g, ''))) problems.push('card');
  if (form.password.length < 8) problems.push('password');
  return problems;
}

function showPage() {
  const review = location.pathname === '/review';
  $('checkout-page').hidden = review;
  $('review-page').hidden = !review;
}

async function loadProducts() {
  const response = await fetch('/api/products', { headers: { accept: 'application/json' } });
  const products = await response.json();
  localStorage.setItem(
    'cart',
    JSON.stringify({ items: products.slice(0, 2).map((p) => p.id), note: 'saved cart' }),
  );
  $('products').replaceChildren(
    ...products.map((p) => {
      const li = document.createElement('li');
      li.textContent = `${p.name} — ${p.price}`;
      return li;
    }),
  );
}

$('apply-coupon').addEventListener('click', () => {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/coupon');
  xhr.setRequestHeader('content-type', 'application/json');
  xhr.setRequestHeader('authorization', 'Bearer coupon-secret');
  xhr.onload = () => {
    $('coupon-result').textContent = JSON.parse(xhr.responseText).message;
  };
  xhr.send(JSON.stringify({ code: $('coupon').value, email: $('email').value }));
});

$('checkout').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = {
    email: $('email').value,
    card: $('card').value,
    name: $('name').value,
    password: $('password').value,
    notes: $('notes').value,
  };
  const problems = problemsOf(form);
  $('form-error').textContent = problems.length ? `Check: ${problems.join(', ')}` : '';
  if (problems.length) return;
  console.info('paying for', form.email);
  const response = await fetch('/api/checkout', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer pay-secret', 'x-tenant': 'shop' },
    body: JSON.stringify({ ...form, idempotencyKey: crypto.randomUUID() }),
  });
  const order = await response.json();
  history.pushState({}, '', '/review');
  showPage();
  $('order').textContent = `Order ${order.orderId} for ${order.email}`;
  navigator.sendBeacon('/api/events', JSON.stringify({ event: 'order', email: form.email }));
});

window.addEventListener('popstate', showPage);
showPage();
loadProducts();
