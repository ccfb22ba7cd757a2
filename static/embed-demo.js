// The documentation-site side of embed.html: frame resizing and an API call.
import { ready, decode } from './pasv-lens.js';

const frames = [...document.querySelectorAll('iframe')];
addEventListener('message', (event) => {
  const frame = frames.find((f) => f.contentWindow === event.source);
  if (!frame || event.data?.type !== 'pasv-lens:height') return;
  const height = Number(event.data.height);
  if (Number.isFinite(height) && height > 0) {
    frame.style.height = `${Math.ceil(height)}px`;
    frame.dataset.reportedHeight = String(height);
  }
});

await ready;
const reports = await decode('227 Entering Passive Mode (10,0,0,1,4,5)', { control: '203.0.113.10', lang: 'en' });
document.getElementById('api-output').textContent = JSON.stringify(reports, null, 2);
