/**
 * The desk's script (served at /assets/desk.js): live updates from the
 * server's event stream. Incident pages reload their live parts when
 * something happens on them; every page refreshes the count of what the
 * reader owes.
 */
export const DESK_JS = `(() => {
  'use strict';
  if (!window.EventSource || !document.getElementById('owed-count')) return;
  const live = document.getElementById('live');
  const source = new EventSource('/events');
  source.addEventListener('incident', (event) => {
    const data = JSON.parse(event.data);
    const page = document.querySelector('[data-incident-id="' + data.incidentId + '"]');
    if (page && window.htmx) {
      window.htmx.ajax('GET', '/incidents/' + data.incidentId + '/live', { target: '#live-parts', swap: 'outerHTML' }).then(() => {
        if (live) live.textContent = page.getAttribute('data-live-message') || '';
      });
    }
    document.body.dispatchEvent(new CustomEvent('calumet:agenda'));
  });
  source.addEventListener('agenda', () => document.body.dispatchEvent(new CustomEvent('calumet:agenda')));
  window.addEventListener('pagehide', () => source.close());
})();
`;
