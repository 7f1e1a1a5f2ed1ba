import { mount } from 'svelte';
import 'leaflet/dist/leaflet.css';
import './kiosk/app.css';
import App from './kiosk/App.svelte';

performance.mark('kiosk/scriptStart');
const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element to mount the kiosk in.');
mount(App, { target });
