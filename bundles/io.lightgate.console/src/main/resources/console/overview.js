// Copyright (c) 2026 the Lightgate authors. SPDX-License-Identifier: EPL-2.0
// The overview: one card per endpoint with its state, when it was last heard of and its key values
// (GET /api/overview, then "key" events), and a chart of one value's last hour (GET /api/history, then events).
'use strict';

const overview = { cards: new Map(), chart: null, series: null, expanded: new Set() };
const KEY_VALUES_SHOWN = 8;

function formatNumber(value) {
  if (typeof value !== 'number') return format(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) >= 100 ? 1 : 2);
}

function ago(iso) {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return seconds + ' s ago';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min ago';
  return new Date(iso).toLocaleString();
}

// Device (3) values last: the shop floor's measurements come first
function keyOrder(a, b) {
  const oa = Number(a.path.split('/')[1]) === 3 ? 1 : 0;
  const ob = Number(b.path.split('/')[1]) === 3 ? 1 : 0;
  return oa - ob || a.path.localeCompare(b.path, undefined, { numeric: true });
}

async function loadOverview() {
  try {
    const cards = await api('GET', '/overview');
    overview.cards = new Map(cards.map((c) => [c.endpoint, { ...c, values: new Map(c.values.map((v) => [v.path, v])) }]));
  } catch (e) {
    overview.cards = new Map();
    $('no-cards').textContent = 'The overview cannot be loaded: ' + e.message + '. Check that the gateway runs, then reload the page.';
  }
  renderCards();
}

function renderCards() {
  const container = $('cards');
  container.replaceChildren(...[...overview.cards.values()].map(renderCard));
  $('card-count').textContent = '(' + overview.cards.size + ')';
  $('no-cards').hidden = overview.cards.size > 0;
}

function renderCard(card) {
  const article = document.createElement('article');
  article.className = 'card';
  article.dataset.endpoint = card.endpoint;
  const title = document.createElement('h3');
  title.textContent = card.endpoint + ' ';
  const badge = document.createElement('span');
  badge.className = 'state ' + card.state;
  badge.textContent = card.state;
  title.append(badge);
  const meta = document.createElement('p');
  meta.className = 'meta';
  meta.innerHTML = 'last seen <span class="seen"></span> · <span class="address"></span>';
  meta.querySelector('.seen').textContent = ago(card.lastSeen);
  meta.querySelector('.seen').dataset.at = card.lastSeen || '';
  meta.querySelector('.address').textContent = card.address;
  const table = document.createElement('table');
  table.className = 'keys';
  const values = [...card.values.values()].sort(keyOrder);
  const shown = overview.expanded.has(card.endpoint) ? values : values.slice(0, KEY_VALUES_SHOWN);
  for (const value of shown) table.append(keyRow(card.endpoint, value));
  article.append(title, meta, table);
  if (values.length === 0) {
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.textContent = card.state === 'registered' ? 'No key value yet (resources with units are observed when the endpoint registers).' : '';
    article.append(hint);
  }
  if (values.length > KEY_VALUES_SHOWN) {
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'more';
    more.textContent = overview.expanded.has(card.endpoint) ? 'Show fewer' : 'Show all ' + values.length + ' values';
    more.addEventListener('click', () => {
      if (!overview.expanded.delete(card.endpoint)) overview.expanded.add(card.endpoint);
      article.replaceWith(renderCard(card));
    });
    article.append(more);
  }
  return article;
}

function keyRow(endpoint, value) {
  const row = document.createElement('tr');
  row.dataset.path = value.path;
  row.title = 'Chart ' + value.path + ' (last hour)';
  row.innerHTML = '<td class="name"></td><td class="value"></td><td class="units"></td>';
  row.children[0].textContent = value.object + ' · ' + value.name;
  row.children[1].textContent = formatNumber(value.value);
  row.children[2].textContent = value.units;
  row.addEventListener('click', () => openChart(endpoint, value.path));
  return row;
}

function onKeyValues(event) {
  const card = overview.cards.get(event.endpoint);
  if (!card) {
    reloadOverviewSoon(); // an endpoint the page does not know yet
    return;
  }
  let article = document.querySelector('#cards .card[data-endpoint="' + CSS.escape(event.endpoint) + '"]');
  const isNew = event.values.some((v) => !card.values.has(v.path));
  for (const value of event.values) {
    card.values.set(value.path, value);
    card.lastSeen = value.at;
    chartPoint(event.endpoint, value.path, value.value, value.at);
  }
  if (!article) return;
  if (isNew) {
    const fresh = renderCard(card);
    article.replaceWith(fresh);
    article = fresh;
  }
  for (const value of event.values) {
    const cell = article.querySelector('tr[data-path="' + value.path + '"] td.value');
    if (cell && cell.textContent !== formatNumber(value.value)) {
      cell.textContent = formatNumber(value.value);
      flash(cell);
    }
  }
  const seen = article.querySelector('.seen');
  seen.dataset.at = card.lastSeen || '';
  seen.textContent = ago(card.lastSeen);
}

// registrations come in bursts (the demo's endpoints at start): one reload for a burst
let reloadTimer = null;
function reloadOverviewSoon() {
  if (reloadTimer) return;
  reloadTimer = setTimeout(() => { reloadTimer = null; loadOverview(); }, 300);
}

// ---------------------------------------------------------------- chart

async function openChart(endpoint, path) {
  location.hash = '#overview';
  const panel = $('chart-panel');
  panel.hidden = false;
  $('chart-title').textContent = endpoint + ' ' + path;
  $('chart-meta').textContent = 'Loading the last hour…';
  $('chart-meta').classList.remove('error');
  let history;
  try {
    history = await api('GET', '/history/' + encodeURIComponent(endpoint) + path);
  } catch (e) {
    history = { name: path, units: '', points: [] };
    $('chart-meta').textContent = e.status === 404 ? 'No value kept yet: points appear as the device notifies this value.' : 'History: ' + e.message;
    $('chart-meta').classList.toggle('error', e.status !== 404);
  }
  overview.series = { endpoint, path, units: history.units, times: history.points.map((p) => p[0] / 1000), values: history.points.map((p) => p[1]) };
  $('chart-title').textContent = endpoint + ' · ' + history.name + (history.units ? ' [' + history.units + ']' : '');
  drawChart();
  panel.scrollIntoView({ block: 'nearest' });
}

function drawChart() {
  const units = overview.series.units;
  const target = $('chart');
  if (overview.chart) overview.chart.destroy();
  target.replaceChildren();
  const width = Math.max(260, target.clientWidth || $('chart-panel').clientWidth - 24);
  overview.chart = new uPlot({
    width, height: 240,
    series: [{}, { label: units || 'value', stroke: '#1f6fb2', width: 2, points: { show: true, size: 4 } }],
    axes: [{}, { label: units, size: 60 }],
    legend: { show: false },
  }, [overview.series.times, overview.series.values], target);
  updateChartMeta();
}

function updateChartMeta() {
  const s = overview.series;
  $('chart').dataset.points = String(s.values.length);
  if (s.values.length > 0) {
    $('chart-meta').classList.remove('error');
    $('chart-meta').textContent = s.values.length + ' points since ' + new Date(s.times[0] * 1000).toLocaleTimeString() +
      ', last ' + formatNumber(s.values[s.values.length - 1]);
  }
}

function chartPoint(endpoint, path, value, at) {
  const s = overview.series;
  if (!s || s.endpoint !== endpoint || s.path !== path || typeof value !== 'number' || !overview.chart) return;
  s.times.push(new Date(at).getTime() / 1000);
  s.values.push(value);
  const hourAgo = Date.now() / 1000 - 3600;
  while (s.times.length > 1 && (s.times[0] < hourAgo || s.times.length > 5000)) { s.times.shift(); s.values.shift(); }
  overview.chart.setData([s.times, s.values]);
  updateChartMeta();
}

function closeChart() {
  if (overview.chart) overview.chart.destroy();
  overview.chart = null;
  overview.series = null;
  $('chart-panel').hidden = true;
}

// ---------------------------------------------------------------- views

function route() {
  const view = (location.hash || '#overview').slice(1);
  const known = [...document.querySelectorAll('main.view')].map((m) => m.id);
  const current = known.includes(view) ? view : 'overview';
  for (const id of known) {
    $(id).hidden = id !== current;
    $('tab-' + id).classList.toggle('active', id === current);
  }
  if (current === 'overview' && overview.series) drawChart();
}

$('chart-close').addEventListener('click', closeChart);
window.addEventListener('hashchange', route);
window.addEventListener('resize', () => { if (overview.series && !$('chart-panel').hidden) drawChart(); });
setInterval(() => document.querySelectorAll('#cards .seen').forEach((s) => { s.textContent = ago(s.dataset.at); }), 5000);
state.events.addEventListener('open', loadOverview);
state.events.addEventListener('key', (e) => onKeyValues(JSON.parse(e.data)));
state.events.addEventListener('client', reloadOverviewSoon);
state.events.addEventListener('gone', reloadOverviewSoon);
state.events.addEventListener('value', (e) => { const v = JSON.parse(e.data); chartPoint(v.endpoint, v.path, v.value, v.at); });
route();
loadOverview();
