// A jQuery app as jQuery apps are written: $.ajax to a REST API on another origin
// (window.NOTES_API), a debounced search, an EventSource price ticker, and notes posted with
// crypto.randomUUID() and Date.now() in their bodies. window.NOTES_BUG breaks Add note.
$(() => {
  const api = window.NOTES_API;
  let timer = null;
  $('#search').on('input', function () {
    clearTimeout(timer);
    const q = $(this).val();
    timer = setTimeout(() => {
      $.getJSON(`${api}/api/search`, { q }).done(({ results }) => {
        $('#results')
          .empty()
          .append(results.map((r) => $('<li>').text(r)));
      });
    }, 300);
  });
  $('#note-form').on('submit', (event) => {
    event.preventDefault();
    const text = $('#note').val();
    if (window.NOTES_BUG) throw new TypeError("Cannot read properties of null (reading 'trim')");
    $.ajax({
      url: `${api}/api/notes`,
      method: 'POST',
      contentType: 'application/json',
      data: JSON.stringify({ id: crypto.randomUUID(), text, at: Date.now() }),
    }).done(({ note }) => {
      $('#notes').append($('<li>').text(note.text));
      $('#note').val('');
    });
  });
  const prices = new EventSource(`${api}/api/prices`);
  prices.addEventListener('price', (event) => $('#ticker').text(`EUR ${event.data}`));
});
