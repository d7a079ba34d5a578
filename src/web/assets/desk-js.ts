/**
 * The desk's script (served at /assets/desk.js): a message's direction
 * following the message it answers, and live updates from the
 * server's event stream. Incident pages refresh their live parts when
 * something happens on them, each part on its own, leaving alone a part in
 * use (being typed in, an action unfolded, a refused form showing its
 * problems); every page refreshes the count of what the reader owes, and
 * the reader's unread notifications when one arrives.
 */
export const DESK_JS = `(() => {
  'use strict';
  // A message's direction follows the message chosen for it to answer (each choice carries its answer's), until the
  // person picks a direction.
  document.addEventListener('change', (event) => {
    const target = event.target;
    const direction = target instanceof Element ? target.closest('form')?.querySelector('select[name="direction"]') : null;
    if (!direction) return;
    if (target === direction) direction.dataset.picked = 'true';
    else if (target.matches('input[name="parentId"][data-answer]') && !direction.dataset.picked) direction.value = target.dataset.answer;
  });
  // A party or post typed anew stands instead of the one picked beside it (a notice's sender is the incident's
  // counterpart until then): the pick goes back to none as soon as something is typed in the new one's fields, so the
  // form is not refused for naming both.
  document.addEventListener('input', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) || !target.value.trim()) return;
    const fields = target.closest('[data-instead-of]');
    const picked = fields ? document.getElementById(fields.getAttribute('data-instead-of')) : null;
    if (picked instanceof HTMLSelectElement) picked.value = '';
  });
  if (!window.EventSource || !document.getElementById('owed-count')) return;
  const live = document.getElementById('live');
  const typing = (part) => part.contains(document.activeElement) && document.activeElement.matches('input, textarea, select');
  const inUse = (part) => typing(part) || part.querySelector('details[open] form, [aria-invalid="true"], .form-problems:not(:empty), .reply-slot:not(:empty)') !== null;
  const refresh = (page, incidentId) =>
    fetch('/incidents/' + incidentId + '/live', { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then((text) => {
        const fresh = new DOMParser().parseFromString(text, 'text/html');
        for (const part of Array.from(fresh.querySelectorAll('[data-live-part]'))) {
          const current = document.getElementById(part.id);
          if (!current || inUse(current)) continue;
          const adopted = document.importNode(part, true);
          current.replaceWith(adopted);
          if (window.htmx) window.htmx.process(adopted);
        }
        if (live) live.textContent = page.getAttribute('data-live-message') || '';
      })
      .catch(() => undefined);
  const source = new EventSource('/events');
  source.addEventListener('incident', (event) => {
    const data = JSON.parse(event.data);
    const page = document.querySelector('[data-incident-id="' + data.incidentId + '"]');
    if (page) refresh(page, data.incidentId);
    document.body.dispatchEvent(new CustomEvent('calumet:agenda'));
  });
  // Once connected (again), what arrived before is fetched: nothing falls between the page and the stream.
  source.addEventListener('open', () => document.body.dispatchEvent(new CustomEvent('calumet:notifications')));
  source.addEventListener('notification', () => {
    document.body.dispatchEvent(new CustomEvent('calumet:notifications'));
    document.body.dispatchEvent(new CustomEvent('calumet:agenda'));
  });
  source.addEventListener('agenda', () => document.body.dispatchEvent(new CustomEvent('calumet:agenda')));
  window.addEventListener('pagehide', () => source.close());
})();
`;
