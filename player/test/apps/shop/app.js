// A small checkout page: loads the cart, refreshes it, pays, applies a coupon.
// The production bugs, both on an empty cart: Pay does nothing at all (a dead
// click), and Apply coupon reads a total that is not there (an error click).
// window.SHOP_FIXED ships the fix for both.
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
    if (cart.items.length === 0) {
      if (window.SHOP_FIXED) $('status').textContent = 'Your cart is empty';
      return;
    }
    const response = await fetch('/api/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: $('email').value, total: cart.items.length * 10 }),
    });
    const result = await response.json();
    $('status').textContent = result.ok ? `Paid by ${$('email').value}` : 'Payment failed';
  });

$('apply-coupon')?.addEventListener('click', () => {
  const summary = cart.items.length > 0 ? { total: cart.items.length * 10 } : undefined;
  if (!window.SHOP_FIXED && summary === undefined) {
    throw new TypeError("Cannot read properties of undefined (reading 'total')");
  }
  $('status').textContent = summary
    ? `Coupon applied to ${summary.total}`
    : 'Add something to your cart first';
});

loadCart();
