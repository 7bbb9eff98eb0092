// Copyright (c) 2026 the Lightgate authors. SPDX-License-Identifier: EPL-2.0
// The Lightgate console: talks to the REST API under /api and listens to /api/events (server-sent events).
'use strict';

const state = { clients: new Map(), selected: null, models: new Map(), events: null };
const $ = (id) => document.getElementById(id);

async function api(method, path, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch('/api' + path, options);
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(json && json.message ? json.message : response.status + ' ' + response.statusText);
    error.status = response.status;
    throw error;
  }
  return json;
}

function show(element, content, isError) {
  element.textContent = typeof content === 'string' ? content : JSON.stringify(content, null, 2);
  element.classList.toggle('error', !!isError);
}

function format(value) {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// ---------------------------------------------------------------- endpoints

async function loadStatus() {
  try {
    const status = await api('GET', '/status');
    $('status').textContent = status.serverRunning ? 'listening on ' + status.listen.join(', ') : 'local server not configured (etc/io.lightgate.server.cfg)';
  } catch (e) {
    $('status').textContent = 'console API unreachable: ' + e.message;
  }
}

async function loadClients() {
  try {
    const clients = await api('GET', '/clients');
    state.clients = new Map(clients.map((c) => [c.endpoint, c]));
  } catch (e) {
    state.clients = new Map();
  }
  renderClients();
  if (state.selected && !state.clients.has(state.selected)) selectClient(null);
}

function renderClients() {
  const list = $('clients');
  list.replaceChildren();
  for (const client of [...state.clients.values()].sort((a, b) => a.endpoint.localeCompare(b.endpoint))) {
    const item = document.createElement('li');
    item.dataset.endpoint = client.endpoint;
    item.classList.toggle('selected', client.endpoint === state.selected);
    item.append(client.endpoint);
    const meta = document.createElement('small');
    meta.textContent = client.address + ' · LwM2M ' + client.lwm2mVersion + (client.secure ? ' · DTLS' : '');
    item.append(meta);
    item.addEventListener('click', () => selectClient(client.endpoint));
    list.append(item);
  }
  $('client-count').textContent = '(' + state.clients.size + ')';
  $('no-clients').hidden = state.clients.size > 0;
}

// refresh = the selected client's registration changed: keep what the user is looking at
function selectClient(endpoint, refresh) {
  const changed = endpoint !== state.selected;
  state.selected = endpoint;
  renderClients();
  $('no-selection').hidden = !!endpoint;
  $('detail').hidden = !endpoint;
  if (!endpoint) return;
  const client = state.clients.get(endpoint);
  $('detail-name').textContent = endpoint;
  $('detail-meta').textContent = 'registered ' + new Date(client.registeredAt).toLocaleString() + ', last update ' +
    new Date(client.lastUpdate).toLocaleTimeString() + ', lifetime ' + client.lifetimeSeconds + ' s, binding ' + client.binding;
  const instances = $('instances');
  instances.replaceChildren();
  instances.className = 'instance-links';
  for (const link of client.objectLinks) {
    const button = document.createElement('button');
    button.textContent = link;
    button.dataset.path = link;
    button.addEventListener('click', () => readObject(link));
    instances.append(button);
  }
  if (changed || !refresh) {
    $('object-view').replaceChildren();
    show($('result'), '');
  }
}

// ---------------------------------------------------------------- object view

async function model(objectId) {
  if (!state.models.has(objectId)) {
    try {
      state.models.set(objectId, await api('GET', '/models/' + objectId));
    } catch (e) {
      state.models.set(objectId, null);
    }
  }
  return state.models.get(objectId);
}

async function readObject(path) {
  const endpoint = state.selected;
  const view = $('object-view');
  view.replaceChildren('Reading ' + path + '…');
  try {
    const content = await api('GET', '/clients/' + encodeURIComponent(endpoint) + path);
    const objectId = Number(path.split('/')[1]);
    const objectModel = await model(objectId);
    view.replaceChildren(renderInstances(endpoint, path, content.value, objectModel));
  } catch (e) {
    view.replaceChildren();
    show($('result'), 'Read ' + path + ': ' + e.message, true);
  }
}

function renderInstances(endpoint, path, value, objectModel) {
  const parts = path.split('/').filter((p) => p !== '');
  // an instance path answers {resourceId: value}; an object path answers {instanceId: {resourceId: value}}
  const instances = parts.length === 2 ? { [parts[1]]: value } : value;
  const table = document.createElement('table');
  table.id = 'values';
  table.innerHTML = '<thead><tr><th>Path</th><th>Resource</th><th>Value</th><th></th></tr></thead>';
  const body = document.createElement('tbody');
  const modelResources = objectModel && objectModel.resources ? objectModel.resources : {};
  for (const [instanceId, resources] of Object.entries(instances || {})) {
    for (const [resourceId, resourceValue] of Object.entries(resources || {})) {
      const resourcePath = '/' + parts[0] + '/' + instanceId + '/' + resourceId;
      body.append(resourceRow(endpoint, resourcePath, modelResources[resourceId] || null, resourceValue));
    }
    // a Read never returns executable resources: offer the model's ones (a device that lacks one answers 4.04)
    for (const [resourceId, resourceModel] of Object.entries(modelResources)) {
      if (resourceModel.operations === 'E' && !(resources && resourceId in resources)) {
        body.append(resourceRow(endpoint, '/' + parts[0] + '/' + instanceId + '/' + resourceId, resourceModel, ''));
      }
    }
  }
  table.append(body);
  return table;
}

function resourceRow(endpoint, path, resourceModel, value) {
  const row = document.createElement('tr');
  row.dataset.path = path;
  const name = resourceModel ? resourceModel.name + (resourceModel.units ? ' [' + resourceModel.units + ']' : '') : '';
  row.innerHTML = '<td></td><td></td><td class="value"></td><td class="actions"></td>';
  row.children[0].textContent = path;
  row.children[1].textContent = name;
  row.children[2].textContent = format(value);
  const actions = row.children[3];
  const operations = resourceModel ? resourceModel.operations : 'R';
  const button = (label, handler) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.className = label.toLowerCase();
    b.addEventListener('click', handler);
    actions.append(b);
  };
  if (operations.includes('R')) {
    button('Read', async () => {
      try {
        const content = await api('GET', '/clients/' + encodeURIComponent(endpoint) + path);
        row.children[2].textContent = format(content.value);
        flash(row.children[2]);
      } catch (e) {
        show($('result'), 'Read ' + path + ': ' + e.message, true);
      }
    });
    button('Observe', () => observe(endpoint, path));
  }
  if (operations.includes('W')) button('Write', () => { $('path').value = path; $('value').focus(); });
  if (operations.includes('E')) button('Execute', () => run('execute', endpoint, path));
  return row;
}

function flash(cell) {
  cell.classList.remove('changed');
  void cell.offsetWidth;
  cell.classList.add('changed');
}

// ---------------------------------------------------------------- operations

async function observe(endpoint, path) {
  try {
    const content = await api('PUT', '/observations/' + encodeURIComponent(endpoint) + path);
    setLive({ endpoint, path, value: content.value, at: new Date().toISOString() });
    show($('result'), 'Observing ' + path + ' at ' + endpoint);
  } catch (e) {
    show($('result'), 'Observe ' + path + ': ' + e.message, true);
  }
}

async function run(operation, endpoint, path) {
  endpoint = endpoint || state.selected;
  path = path || $('path').value.trim();
  const target = '/clients/' + encodeURIComponent(endpoint) + path;
  try {
    let result;
    if (operation === 'read') result = await api('GET', target);
    if (operation === 'write') result = await api('PUT', target, { value: $('value').value });
    if (operation === 'execute') result = await api('POST', target, { arguments: $('args').value });
    if (operation === 'observe') return observe(endpoint, path);
    if (operation === 'cancel') {
      result = await api('DELETE', '/observations/' + encodeURIComponent(endpoint) + path);
      removeLive(endpoint, path);
    }
    show($('result'), result);
  } catch (e) {
    show($('result'), operation + ' ' + path + ': ' + e.message, true);
  }
}

async function group(operation) {
  const objectId = $('group-object').value.trim();
  const body = { resource: Number($('group-resource').value.trim()) };
  if (operation === 'write') body.value = $('group-value').value; else body.arguments = $('group-value').value;
  try {
    const result = await api('POST', '/groups/' + objectId + '/' + operation, body);
    show($('group-result'), result.succeeded + ' of ' + result.targets + ' succeeded\n' +
      result.outcomes.map((o) => (o.ok ? 'ok   ' : 'FAIL ') + o.endpoint + ' ' + o.path + (o.ok ? '' : ': ' + o.message)).join('\n'));
  } catch (e) {
    show($('group-result'), e.message, true);
  }
}

// ---------------------------------------------------------------- live values

function liveKey(endpoint, path) {
  return endpoint + ' ' + path;
}

function setLive(value) {
  const body = $('live').tBodies[0];
  const key = liveKey(value.endpoint, value.path);
  let row = [...body.rows].find((r) => r.dataset.key === key);
  if (!row) {
    row = document.createElement('tr');
    row.dataset.key = key;
    row.innerHTML = '<td></td><td></td><td class="value"></td><td class="at"></td>' +
      '<td><button type="button" class="chart" title="Chart the last hour" hidden>Chart</button>' +
      '<button type="button" class="cancel" title="Cancel the observation">×</button></td>';
    row.children[0].textContent = value.endpoint;
    row.children[1].textContent = value.path;
    row.querySelector('button.cancel').addEventListener('click', () => run('cancel', value.endpoint, value.path));
    row.querySelector('button.chart').addEventListener('click', () => openChart(value.endpoint, value.path));
    body.append(row);
  }
  row.children[2].textContent = format(value.value);
  row.children[3].textContent = new Date(value.at).toLocaleTimeString();
  row.querySelector('button.chart').hidden = typeof value.value !== 'number';
  flash(row.children[2]);
  // the same value in the object view, if shown
  if (value.endpoint === state.selected) {
    const cell = document.querySelector('#values tr[data-path="' + value.path + '"] td.value');
    if (cell) { cell.textContent = format(value.value); flash(cell); }
  }
}

function removeLive(endpoint, path) {
  const key = liveKey(endpoint, path);
  [...$('live').tBodies[0].rows].filter((r) => r.dataset.key === key).forEach((r) => r.remove());
}

async function loadLive() {
  try {
    $('live').tBodies[0].replaceChildren();
    (await api('GET', '/values')).forEach(setLive);
  } catch (e) {
    // the local server is not running: nothing observed
  }
}

// ---------------------------------------------------------------- events

function connect() {
  const events = new EventSource('/api/events');
  state.events = events;
  const badge = $('stream-state');
  events.onopen = () => {
    badge.textContent = 'events: live';
    badge.classList.add('live');
    // after a reconnect (gateway or server restart) the state may have changed
    loadStatus();
    loadClients();
    loadLive();
  };
  events.onerror = () => {
    badge.textContent = 'events: reconnecting';
    badge.classList.remove('live');
  };
  events.addEventListener('client', (e) => {
    const client = JSON.parse(e.data);
    state.clients.set(client.endpoint, client);
    renderClients();
    if (client.endpoint === state.selected) selectClient(client.endpoint, true);
  });
  events.addEventListener('gone', (e) => {
    const gone = JSON.parse(e.data);
    state.clients.delete(gone.endpoint);
    [...$('live').tBodies[0].rows].filter((r) => r.dataset.key.startsWith(gone.endpoint + ' ')).forEach((r) => r.remove());
    renderClients();
    if (gone.endpoint === state.selected) selectClient(null);
  });
  events.addEventListener('value', (e) => setLive(JSON.parse(e.data)));
}

$('read').addEventListener('click', () => run('read'));
$('observe').addEventListener('click', () => run('observe'));
$('cancel').addEventListener('click', () => run('cancel'));
$('write').addEventListener('click', () => run('write'));
$('execute').addEventListener('click', () => run('execute'));
$('group-write').addEventListener('click', () => group('write'));
$('group-execute').addEventListener('click', () => group('execute'));
loadStatus();
loadClients();
connect();
