// Copyright (c) 2026 the Lightgate authors. SPDX-License-Identifier: EPL-2.0
// The gateway page: its registrations with the northbound LwM2M servers (GET /api/gateway/servers) and its
// bundles (GET /api/gateway/bundles; install = POST of the jar, start/stop, uninstall = DELETE).
'use strict';

function feedback(text, isError) {
  const element = $('bundle-result');
  element.textContent = text;
  element.classList.toggle('error', !!isError);
  element.classList.toggle('ok', !isError);
}

function when(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '–';
}

async function loadServers() {
  const body = $('servers').tBodies[0];
  try {
    const status = await api('GET', '/gateway/servers');
    body.replaceChildren(...status.registrations.map((r) => {
      const row = document.createElement('tr');
      row.dataset.endpoint = r.endpoint;
      row.dataset.server = r.serverUri;
      row.innerHTML = '<td></td><td></td><td class="state-cell"></td><td></td><td></td><td></td>';
      row.children[0].textContent = r.endpoint;
      row.children[1].textContent = r.serverUri + ' #' + r.shortServerId;
      row.children[2].textContent = r.state + (r.queueMode ? (r.asleep ? ' (asleep)' : ' (awake)') : '');
      row.children[2].classList.add(r.state === 'REGISTERED' ? 'good' : r.state === 'WAITING_RETRY' ? 'bad' : 'neutral');
      row.children[3].textContent = when(r.lastExchange);
      row.children[4].textContent = (r.lastError || '') + (r.retryAt ? ' · retry at ' + when(r.retryAt) : '');
      // values replaced by newer ones while they waited (notifications.backlog = newest)
      row.children[5].textContent = r.observations + (r.supersededNotifications ? ' (' + r.supersededNotifications + ' superseded)' : '');
      return row;
    }));
    const idle = status.endpoints.filter((e) => !status.registrations.some((r) => r.endpoint === e));
    $('servers-note').textContent = idle.length ? 'No server configured for: ' + idle.join(', ') + ' (etc/io.lightgate.lwm2m.server-*.cfg).' : '';
  } catch (e) {
    body.replaceChildren();
    $('servers-note').textContent = 'Registrations unavailable: ' + e.message;
  }
}

async function loadBundles() {
  const body = $('bundles').tBodies[0];
  try {
    const bundles = await api('GET', '/gateway/bundles');
    body.replaceChildren(...bundles.map(bundleRow));
    $('bundle-count').textContent = '(' + bundles.length + ')';
  } catch (e) {
    feedback('The bundle list cannot be loaded: ' + e.message, true);
  }
}

function bundleRow(b) {
  const row = document.createElement('tr');
  row.dataset.id = b.id;
  row.dataset.symbolicName = b.symbolicName;
  row.innerHTML = '<td></td><td><span class="bsn"></span><small></small></td><td></td><td class="bundle-state"></td><td class="actions"></td>';
  row.children[0].textContent = b.id;
  row.querySelector('.bsn').textContent = b.symbolicName;
  row.querySelector('small').textContent = b.origin === 'load' ? 'load/' + b.file : b.origin === 'software-management' ? 'Software Management' : '';
  row.children[2].textContent = b.version;
  row.children[3].textContent = b.state + (b.fragment ? ' (fragment)' : '');
  const actions = row.children[4];
  const button = (label, css, handler) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.className = css;
    element.addEventListener('click', async () => {
      element.disabled = true;
      feedback(label + ' ' + b.symbolicName + '…');
      try {
        await handler();
      } finally {
        element.disabled = false;
      }
    });
    actions.append(element);
  };
  if (b.id !== 0 && !b.fragment) {
    if (b.state === 'ACTIVE') button('Stop', 'stop', () => bundleAction(b, 'POST', '/stop', 'stopped'));
    else button('Start', 'start', () => bundleAction(b, 'POST', '/start', 'started'));
  }
  if (b.origin === 'load') button('Uninstall', 'uninstall', () => bundleAction(b, 'DELETE', '', 'uninstalled'));
  return row;
}

async function bundleAction(b, method, suffix, done) {
  try {
    const result = await api(method, '/gateway/bundles/' + b.id + suffix);
    feedback(b.symbolicName + ' ' + (result && result.message ? result.message : done) + '.');
  } catch (e) {
    feedback(e.message, true);
  }
  loadBundles();
}

async function uploadBundle() {
  const file = $('bundle-file').files[0];
  if (!file) {
    feedback('Choose a bundle jar first.', true);
    return;
  }
  feedback('Installing ' + file.name + '…');
  $('bundle-upload').disabled = true;
  try {
    const response = await fetch('/api/gateway/bundles', { method: 'POST', headers: { 'Content-Type': 'application/java-archive' }, body: file });
    const result = await response.json();
    if (!response.ok) throw new Error(result.message || response.status + ' ' + response.statusText);
    feedback(result.symbolicName + ' ' + result.version + ': ' + result.message + '.');
    $('bundle-file').value = '';
  } catch (e) {
    feedback('Install ' + file.name + ': ' + e.message, true);
  } finally {
    $('bundle-upload').disabled = false;
  }
  loadBundles();
}

function loadGateway() {
  if (!$('gateway').hidden) {
    loadServers();
    loadBundles();
  }
}

$('bundle-upload').addEventListener('click', uploadBundle);
$('servers-reload').addEventListener('click', loadServers);
window.addEventListener('hashchange', loadGateway);
setInterval(() => { if (!$('gateway').hidden) loadServers(); }, 5000);
loadGateway();
