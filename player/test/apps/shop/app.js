// A small checkout page: loads the cart, refreshes it, pays. The bug: paying an
// empty cart reads a total that is not there and throws.
const $ = (id) => document.getElementById(id);
let cart = { items: [] };

$('theme').textContent = localStorage.getItem('theme') ?? 'light';
$('lucky').textContent = String(Math.floor(Math.random() * 1000));
$('today').textContent = new Date().toISOString().slice(0, 10);

async function loadCart() {
  const response = await fetch('/api/cart');
  cart = await response.json();
  $('items').replaceChildren(
    ...cart.items.map((item) => Object.assign(document.createElement('li'), { textContent: item.name })),
  );
  $('count').textContent = `${cart.items.length} items`;
}

$('refresh').addEventListener('click', () => loadCart());

document
  .querySelector('button[data-testid="pay"], #pay-btn, #pay-button')
  .addEventListener('click', async () => {
    const summary = cart.items.length > 0 ? { total: cart.items.length * 10 } : undefined;
    if (!window.SHOP_FIXED && summary === undefined) {
      // The production bug: an empty cart has no summary.
      throw new TypeError("Cannot read properties of undefined (reading 'total')");
    }
    const response = await fetch('/api/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: $('email').value, total: summary ? summary.total : 0 }),
    });
    const result = await response.json();
    $('status').textContent = result.ok ? `Paid by ${$('email').value}` : 'Payment failed';
  });

loadCart();
