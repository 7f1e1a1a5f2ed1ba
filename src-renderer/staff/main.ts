import { mount } from 'svelte';
import 'leaflet/dist/leaflet.css';
import '../kiosk/app.css';
import './staff.css';
import './desk/desk.css';
import Desk from './desk/Desk.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element to mount the staff desk in.');
mount(Desk, { target });
