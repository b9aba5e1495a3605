// The pages of the detection benchmark, each element labelled with what a user sees when clicking it.
// Three are written to the libraries' own documented markup (Bootstrap 5, Shoelace, Materialize);
// two are whole pages as their packages publish them (SB Admin 2's dashboard, TodoMVC's vanilla JS
// app). Broken elements are planted into each real layout by the harness.

/** What a user sees: no answer, a late answer (after the slow threshold), a prompt one, or a control that is not meant to act. */
export type Truth = 'dead' | 'slow' | 'ok' | 'inert';

export interface Labelled {
  /** Name in the results. */
  name: string;
  /** Playwright selector (CSS pierces open shadow roots). */
  selector: string;
  truth: Truth;
  why: string;
}

/** A broken element placed into the page's layout: no handler, or an answer after `lateMs`. */
export interface Plant {
  name: string;
  /** Element the plant is appended to. */
  into: string;
  kind: 'dead' | 'late';
  /** The tag and classes the page's own buttons use, so the plant looks like them. */
  html: string;
  why: string;
}

export interface BenchPage {
  name: string;
  path: string;
  /** Selector to wait for before clicking (the library has rendered). */
  ready: string;
  /** Written to documented markup, or a whole page as published. */
  source: 'documented markup' | 'published page';
  elements: Labelled[];
  plants: Plant[];
  /** Names clicked 700 ms apart, in one overlapping episode. */
  sequence: string[];
  /** Runs in the page once it is ready (seeding data a user would have typed). */
  setup?: string;
}

const plantButton = (classes: string) => `<button type="button" class="${classes}">`;

export const BENCH_PAGES: BenchPage[] = [
  {
    name: 'bootstrap-5',
    path: '/pages/bootstrap5.html',
    ready: '.carousel-item',
    source: 'documented markup',
    elements: [
      { name: 'dropdown', selector: '[data-bs-toggle="dropdown"]', truth: 'ok', why: 'opens its menu' },
      { name: 'collapse', selector: '[data-bs-toggle="collapse"]', truth: 'ok', why: 'expands its card' },
      { name: 'tab-profile', selector: '#profile-tab', truth: 'ok', why: 'shows its pane' },
      { name: 'tab-home-active', selector: '#home-tab', truth: 'inert', why: 'the tab already shown' },
      { name: 'modal', selector: '[data-bs-toggle="modal"]', truth: 'ok', why: 'opens the modal' },
      { name: 'carousel-next', selector: '.carousel-control-next', truth: 'ok', why: 'slides on, in 0.6 s' },
      { name: 'carousel-prev', selector: '.carousel-control-prev', truth: 'ok', why: 'slides back' },
      {
        name: 'indicator-active',
        selector: '.carousel-indicators [aria-current="true"]',
        truth: 'inert',
        why: 'the indicator of the slide already showing',
      },
      { name: 'toast', selector: '#liveToastBtn', truth: 'ok', why: 'shows a toast in a portal corner' },
      { name: 'offcanvas', selector: '[data-bs-toggle="offcanvas"]', truth: 'ok', why: 'slides a drawer in' },
    ],
    plants: [
      {
        name: 'dead',
        into: '#planted',
        kind: 'dead',
        html: plantButton('btn btn-success'),
        why: 'no handler',
      },
      {
        name: 'late',
        into: '#planted',
        kind: 'late',
        html: plantButton('btn btn-warning'),
        why: 'answers after 4 s',
      },
      {
        name: 'dead-beside-carousel',
        into: '#beside-carousel',
        kind: 'dead',
        html: plantButton('btn btn-outline-dark'),
        why: 'no handler, beside the autoplaying carousel',
      },
      {
        name: 'late-beside-carousel',
        into: '#beside-carousel',
        kind: 'late',
        html: plantButton('btn btn-outline-dark'),
        why: 'answers after 4 s while the carousel runs',
      },
    ],
    sequence: ['dead', 'collapse', 'late', 'carousel-next', 'dead-beside-carousel'],
  },
  {
    name: 'shoelace-2',
    path: '/pages/shoelace.html',
    ready: 'sl-carousel-item',
    source: 'documented markup',
    elements: [
      { name: 'save', selector: '#save', truth: 'ok', why: 'writes "Saved" beside it' },
      { name: 'dropdown', selector: 'sl-dropdown sl-button', truth: 'ok', why: 'opens its menu' },
      { name: 'dialog', selector: '#open-dialog', truth: 'ok', why: 'opens the dialog' },
      { name: 'tab-custom', selector: 'sl-tab[panel="custom"]', truth: 'ok', why: 'shows its panel' },
      { name: 'switch', selector: '#notify', truth: 'ok', why: 'flips' },
    ],
    plants: [
      {
        name: 'dead',
        into: '#planted',
        kind: 'dead',
        html: '<sl-button variant="success">',
        why: 'a web component with no handler',
      },
      {
        name: 'late',
        into: '#planted',
        kind: 'late',
        html: '<sl-button variant="warning">',
        why: 'answers after 4 s',
      },
      {
        name: 'dead-beside-carousel',
        into: '#beside-carousel',
        kind: 'dead',
        html: '<sl-button>',
        why: 'no handler, beside the autoplaying carousel',
      },
    ],
    sequence: ['dead', 'save', 'late', 'dead-beside-carousel'],
  },
  {
    name: 'materialize-1',
    path: '/pages/materialize.html',
    ready: '.slider .indicators',
    source: 'documented markup',
    elements: [
      { name: 'waves-button', selector: '#wave-ok', truth: 'ok', why: 'writes "Done" beside it' },
      { name: 'tab-1', selector: '.tabs a[href="#test1"]', truth: 'ok', why: 'shows its pane' },
      { name: 'tab-disabled', selector: '.tabs a[href="#test3"]', truth: 'inert', why: 'li.tab.disabled' },
      { name: 'modal', selector: '.modal-trigger', truth: 'ok', why: 'opens the modal' },
      {
        name: 'materialbox',
        selector: 'img.materialboxed',
        truth: 'ok',
        why: 'zooms the image (cursor: zoom-in)',
      },
    ],
    plants: [
      {
        name: 'dead-waves',
        into: '#planted',
        kind: 'dead',
        html: plantButton('waves-effect waves-light btn'),
        why: 'no handler; the ripple still plays',
      },
      {
        name: 'late',
        into: '#planted',
        kind: 'late',
        html: plantButton('waves-effect btn'),
        why: 'answers after 4 s',
      },
      {
        name: 'dead-beside-slider',
        into: '#beside-carousel',
        kind: 'dead',
        html: plantButton('btn'),
        why: 'no handler, beside the turning slider',
      },
    ],
    sequence: ['dead-waves', 'waves-button', 'late', 'dead-beside-slider'],
  },
  {
    name: 'sb-admin-2',
    path: '/sb-admin-2/index.html',
    ready: '#accordionSidebar',
    source: 'published page',
    elements: [
      { name: 'sidebar-toggle', selector: '#sidebarToggle', truth: 'ok', why: 'folds the sidebar' },
      {
        name: 'components-menu',
        selector: '[data-target="#collapseTwo"]',
        truth: 'ok',
        why: 'opens its sub-menu',
      },
      { name: 'alerts-dropdown', selector: '#alertsDropdown', truth: 'ok', why: 'opens the alerts' },
      { name: 'user-dropdown', selector: '#userDropdown', truth: 'ok', why: 'opens the user menu' },
      {
        name: 'generate-report',
        selector: 'a.d-none.d-sm-inline-block.btn',
        truth: 'dead',
        why: 'href="#" and no handler: the URL and the view stay as they were',
      },
    ],
    plants: [
      {
        name: 'dead',
        into: '.container-fluid .d-sm-flex',
        kind: 'dead',
        html: plantButton('btn btn-sm btn-success'),
        why: 'no handler',
      },
      {
        name: 'late',
        into: '.container-fluid .d-sm-flex',
        kind: 'late',
        html: plantButton('btn btn-sm btn-warning'),
        why: 'answers after 4 s',
      },
    ],
    sequence: ['dead', 'components-menu', 'late', 'generate-report'],
  },
  {
    name: 'todomvc-vanillajs',
    path: '/todomvc/index.html',
    ready: '#new-todo',
    source: 'published page',
    // Two todos typed in, as a user would (the app adds one on the field's change event).
    setup: `for (const title of ['Buy milk', 'Walk the dog']) {
      const input = document.getElementById('new-todo');
      input.value = title;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }`,
    elements: [
      {
        name: 'filter-active',
        selector: '#filters a[href="#/active"]',
        truth: 'ok',
        why: 'filters the list',
      },
      { name: 'filter-all', selector: '#filters a[href="#/"]', truth: 'ok', why: 'shows every todo again' },
      {
        name: 'toggle-first',
        selector: '#todo-list li:first-child .toggle',
        truth: 'ok',
        why: 'ticks the todo',
      },
      { name: 'clear-completed', selector: '#clear-completed', truth: 'ok', why: 'removes the ticked todo' },
    ],
    plants: [
      { name: 'dead', into: '#info', kind: 'dead', html: plantButton(''), why: 'no handler' },
      { name: 'late', into: '#info', kind: 'late', html: plantButton(''), why: 'answers after 4 s' },
    ],
    sequence: ['dead', 'filter-active', 'late', 'filter-all'],
  },
];
