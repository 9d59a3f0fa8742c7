import { render } from 'preact';
import { loadConfig } from './api';
import { App } from './app';

const root = document.getElementById('app');
if (root) void loadConfig().then(() => render(<App />, root));
