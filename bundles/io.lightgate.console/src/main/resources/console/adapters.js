// Copyright (c) 2026 the Lightgate authors. SPDX-License-Identifier: EPL-2.0
// The gateway page's Adapters section: the southbound sources of the adapters (OPC UA servers, meters) and
// their connections (GET /api/gateway/adapters), refreshed every 5 s while the page shows.
'use strict';

function adapterTime(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '–';
}

function adapterCard(a) {
  const card = document.createElement('div');
  card.className = 'adapter card';
  card.dataset.name = a.name;
  card.dataset.state = a.state;
  card.innerHTML = '<h3><span class="adapter-name"></span><span class="state"></span></h3>'
    + '<p class="meta adapter-where"></p><p class="meta adapter-since"></p><p class="adapter-error"></p><p class="meta adapter-counts"></p>';
  card.querySelector('.adapter-name').textContent = a.kind + ' ' + (a.endpoints.length ? a.endpoints.join(', ') : a.name);
  const state = card.querySelector('.state');
  state.textContent = a.state.toLowerCase();
  state.classList.add('source-' + a.state.toLowerCase());
  card.querySelector('.adapter-where').textContent = a.address + ' · ' + a.name;
  card.querySelector('.adapter-since').textContent = 'since ' + adapterTime(a.since)
    + (a.retryAt ? ' · next attempt at ' + adapterTime(a.retryAt) : '');
  const error = card.querySelector('.adapter-error');
  error.textContent = a.lastError || '';
  error.hidden = !a.lastError;
  card.querySelector('.adapter-counts').textContent = 'successful polls/sessions: ' + a.reads + ' · reconnects: ' + a.reconnects;
  return card;
}

async function loadAdapters() {
  const list = $('adapters');
  try {
    const sources = await api('GET', '/gateway/adapters');
    list.replaceChildren(...sources.map(adapterCard));
    $('adapters-note').textContent = sources.length ? ''
      : 'No adapter source is configured (etc/io.lightgate.adapter.opcua.server-*.cfg, etc/io.lightgate.adapter.dlms.meter-*.cfg).';
  } catch (e) {
    $('adapters-note').textContent = 'Adapters unavailable: ' + e.message;
  }
}

$('adapters-reload').addEventListener('click', loadAdapters);
window.addEventListener('hashchange', () => { if (!$('gateway').hidden) loadAdapters(); });
setInterval(() => { if (!$('gateway').hidden) loadAdapters(); }, 5000);
if (!$('gateway').hidden) loadAdapters();
