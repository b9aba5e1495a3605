// The dashboard's entry: styles, then the app into #app.
import '@fontsource-variable/inter/index.css';
import './styles.css';
import { render } from 'preact';
import { adoptTokenFromUrl } from './api/client';
import { App } from './app';

adoptTokenFromUrl();
const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
