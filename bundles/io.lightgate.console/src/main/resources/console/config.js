// Copyright (c) 2026 the Lightgate authors. SPDX-License-Identifier: EPL-2.0
// The gateway page's Configuration section: a form per PID from the metatype (GET /api/config), checked here
// as the server checks it, saved with PUT /api/config/{pid} (POST for a new factory instance, DELETE to remove
// one), which writes the etc/ file that FileInstall applies.
'use strict';

const configState = { list: [], selected: null, instance: null };

// shown above the list and next to the form's buttons (a long form's top is out of sight when saving)
function configFeedback(text, isError) {
  for (const element of [$('config-result'), $('config-form-result')]) {
    if (!element) continue;
    element.textContent = text;
    element.classList.toggle('error', !!isError);
    element.classList.toggle('ok', !isError && !!text);
  }
}

// like api(), but a 400 keeps the server's per-field problems
async function configApi(method, path, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch('/api/config' + path, options);
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(json && json.message ? json.message : response.status + ' ' + response.statusText);
    error.fields = json && json.fields ? json.fields : {};
    throw error;
  }
  return { status: response.status, body: json };
}

async function loadConfigList(keepSelection) {
  try {
    const { body } = await configApi('GET', '');
    configState.list = body.configurations;
    const list = $('config-list');
    list.replaceChildren(...body.configurations.map((c) => {
      const item = document.createElement('li');
      const pid = c.pid || c.factoryPid;
      item.dataset.pid = pid;
      item.innerHTML = '<span class="config-name"></span><small></small>';
      item.querySelector('.config-name').textContent = c.name || pid;
      item.querySelector('small').textContent = pid + (c.factoryPid ? ' · ' + c.instances.length + ' instance(s)' : c.file ? ' · ' + c.file : ' · defaults');
      item.addEventListener('click', () => selectConfig(pid, null));
      return item;
    }));
    $('config-count').textContent = '(' + body.configurations.length + ')';
    if (keepSelection && configState.selected) selectConfig(configState.selected, configState.instance, true);
  } catch (e) {
    configFeedback('The configuration cannot be loaded: ' + e.message, true);
  }
}

function selectConfig(pid, instancePid, keepFeedback) {
  const entry = configState.list.find((c) => (c.pid || c.factoryPid) === pid);
  if (!entry) return;
  configState.selected = pid;
  configState.instance = instancePid;
  if (!keepFeedback) configFeedback('');
  for (const li of $('config-list').children) li.classList.toggle('selected', li.dataset.pid === pid);
  const area = $('config-form');
  area.replaceChildren();
  const title = document.createElement('h3');
  title.textContent = entry.name + ' (' + pid + ')';
  const about = document.createElement('p');
  about.className = 'hint';
  about.textContent = entry.description || '';
  area.append(title, about);
  if (entry.factoryPid) {
    const instances = document.createElement('div');
    instances.className = 'config-instances';
    for (const instance of entry.instances) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.instance = instance.pid;
      button.textContent = instance.name;
      button.classList.toggle('selected', instance.pid === instancePid);
      button.addEventListener('click', () => selectConfig(pid, instance.pid));
      instances.append(button);
    }
    const add = document.createElement('button');
    add.type = 'button';
    add.id = 'config-new';
    add.textContent = '+ New instance';
    add.classList.toggle('selected', instancePid === '');
    add.addEventListener('click', () => selectConfig(pid, ''));
    instances.append(add);
    area.append(instances);
    if (instancePid === null) {
      const hint = document.createElement('p');
      hint.className = 'hint';
      hint.textContent = entry.instances.length ? 'Choose an instance, or create a new one.' : 'No instance yet: create one.';
      area.append(hint);
      return;
    }
    const instance = entry.instances.find((i) => i.pid === instancePid);
    area.append(configForm(entry, instance || null));
  } else {
    area.append(configForm(entry, entry));
  }
}

// the form of one configuration; current = the object holding values, file, secretsSet (null: a new instance)
function configForm(entry, current) {
  const form = document.createElement('form');
  form.id = 'config-fields';
  form.autocomplete = 'off';
  form.noValidate = true;
  const where = document.createElement('p');
  where.className = 'meta';
  where.textContent = current ? (current.file ? 'From ' + current.file : 'No file in etc/ yet: saving creates ' + entry.pid + '.cfg')
    : 'Saving creates ' + entry.factoryPid + '-<name>.cfg in etc/';
  form.append(where);
  if (!current) {
    form.append(field({ id: '@name', name: 'Instance name', description: 'Names the file ' + entry.factoryPid + '-<name>.cfg',
      type: 'String', cardinality: 0, required: true }, []));
  }
  for (const ad of entry.attributes) {
    const values = current && current.values && current.values[ad.id] ? current.values[ad.id] : null;
    const shown = values !== null ? values : (ad.default || []);
    form.append(field(ad, shown, current && current.secretsSet ? current.secretsSet.includes(ad.id) : false));
  }
  const buttons = document.createElement('div');
  buttons.className = 'config-buttons';
  const save = document.createElement('button');
  save.type = 'submit';
  save.id = 'config-save';
  save.textContent = current ? 'Save to etc/' : 'Create';
  buttons.append(save);
  if (entry.factoryPid && current) {
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.id = 'config-delete';
    remove.textContent = 'Delete instance';
    remove.addEventListener('click', () => deleteInstance(entry, current));
    buttons.append(remove);
  }
  const result = document.createElement('p');
  result.id = 'config-form-result';
  result.className = 'feedback';
  result.setAttribute('role', 'status');
  form.append(buttons, result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveConfig(entry, current, form);
  });
  return form;
}

function field(ad, values, secretSet) {
  const wrap = document.createElement('div');
  wrap.className = 'config-field';
  wrap.dataset.id = ad.id;
  const label = document.createElement('label');
  const name = document.createElement('span');
  name.className = 'config-label';
  name.textContent = (ad.name || ad.id) + (ad.required ? ' *' : '');
  label.append(name);
  const multi = ad.cardinality !== 0;
  let input;
  if (ad.type === 'Boolean' && !multi) {
    input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = String(values[0]).toLowerCase() === 'true';
    label.classList.add('check');
  } else if (ad.options && ad.options.length) {
    input = document.createElement('select');
    input.multiple = multi;
    if (!multi && !values.length) input.append(new Option('(default)', ''));
    for (const o of ad.options) input.append(new Option(o.label, o.value, false, values.includes(o.value)));
  } else if (multi) {
    input = document.createElement('textarea');
    input.rows = Math.max(2, Math.min(8, values.length + 1));
    input.value = values.join('\n');
    input.placeholder = 'one value per line';
  } else {
    input = document.createElement('input');
    input.type = ad.secret ? 'password' : 'text';
    if (ad.secret) {
      input.placeholder = secretSet ? 'set (hidden): type to replace' : 'not set';
    } else {
      input.value = values.length ? values[0] : '';
    }
    if (['Integer', 'Long', 'Short', 'Byte', 'Float', 'Double'].includes(ad.type)) input.inputMode = 'decimal';
  }
  input.name = ad.id;
  input.dataset.initial = fieldValue(ad, input).join('\n');
  label.append(input);
  wrap.append(label);
  const description = document.createElement('small');
  description.className = 'config-description';
  description.textContent = (ad.description || '') + (ad.min != null || ad.max != null ? ' [' + (ad.min ?? '') + '…' + (ad.max ?? '') + ']' : '')
    + (ad.default && ad.default.some((d) => d !== '') && !ad.secret ? ' Default: ' + ad.default.join(', ') + '.' : '');
  const error = document.createElement('small');
  error.className = 'field-error';
  error.setAttribute('role', 'alert');
  wrap.append(description, error);
  wrap.ad = ad;
  return wrap;
}

function fieldValue(ad, input) {
  if (input.type === 'checkbox') return [input.checked ? 'true' : 'false'];
  if (input.tagName === 'SELECT') return Array.from(input.selectedOptions).map((o) => o.value).filter((v) => v !== '');
  if (input.tagName === 'TEXTAREA') return input.value.split('\n').map((v) => v.trim()).filter((v) => v !== '');
  return input.value === '' && ad.type !== 'String' && ad.type !== 'Password' ? [] : [input.value];
}

const NUMBER_LIMITS = { Integer: [-2147483648, 2147483647], Short: [-32768, 32767], Byte: [-128, 127] };

// the server's checks (ConfigValidation), so most mistakes are shown before anything is sent
function configProblem(ad, values) {
  const max = ad.cardinality === 0 ? 1 : Math.abs(ad.cardinality);
  if (values.length > max) return max === 1 ? 'takes a single value' : 'takes at most ' + max + ' values';
  if (ad.required && (!values.length || values.every((v) => v.trim() === ''))) return 'is required';
  for (const value of values) {
    const v = value.trim();
    const prefix = values.length > 1 ? "'" + value + "': " : '';
    if (['Integer', 'Long', 'Short', 'Byte'].includes(ad.type)) {
      const limits = NUMBER_LIMITS[ad.type];
      const whole = 'must be a whole number' + (limits ? ' from ' + limits[0] + ' to ' + limits[1] : '');
      if (!/^[+-]?\d+$/.test(v)) return prefix + whole;
      if (limits && (Number(v) < limits[0] || Number(v) > limits[1])) return prefix + whole;
    } else if (ad.type === 'Float' || ad.type === 'Double') {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return prefix + 'must be a number';
    } else if (ad.type === 'Boolean' && v !== 'true' && v !== 'false') {
      return prefix + 'must be true or false';
    } else if (ad.type === 'Character' && value.length !== 1) {
      return prefix + 'must be a single character';
    }
    if (ad.options && ad.options.length && !ad.options.some((o) => o.value === value)) {
      return prefix + 'must be one of ' + ad.options.map((o) => o.value).join(', ');
    }
    const numeric = ['Integer', 'Long', 'Short', 'Byte', 'Float', 'Double'].includes(ad.type);
    const measure = numeric ? Number(v) : value.length;
    if (ad.min != null && measure < Number(ad.min)) return prefix + (numeric ? 'must be at least ' + ad.min : 'needs at least ' + ad.min + ' characters');
    if (ad.max != null && measure > Number(ad.max)) return prefix + (numeric ? 'must be at most ' + ad.max : 'takes at most ' + ad.max + ' characters');
  }
  return null;
}

function showFieldErrors(form, problems) {
  for (const wrap of form.querySelectorAll('.config-field')) {
    const problem = problems[wrap.dataset.id];
    wrap.querySelector('.field-error').textContent = problem ? (wrap.ad.name || wrap.dataset.id) + ' ' + problem : '';
    wrap.classList.toggle('invalid', !!problem);
  }
}

async function saveConfig(entry, current, form) {
  const values = {};
  const problems = {};
  let name = '';
  for (const wrap of form.querySelectorAll('.config-field')) {
    const ad = wrap.ad;
    const input = wrap.querySelector('[name]');
    const value = fieldValue(ad, input);
    if (ad.id === '@name') {
      name = value.length ? value[0].trim() : '';
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) problems[ad.id] = "must be letters, digits, '.', '_' or '-'";
      continue;
    }
    const changed = value.join('\n') !== input.dataset.initial;
    if (ad.secret && value.join('') === '') continue; // an empty secret field keeps the secret
    if (!changed && current) continue;
    const problem = value.length || ad.required ? configProblem(ad, value) : null;
    if (problem) problems[ad.id] = problem;
    else if (changed || ad.required) values[ad.id] = ad.cardinality === 0 ? (value.length ? value[0] : null) : value;
  }
  showFieldErrors(form, problems);
  if (Object.keys(problems).length) {
    configFeedback('Not saved: correct the fields marked below.', true);
    return;
  }
  if (current && !Object.keys(values).length) {
    configFeedback('Nothing changed.');
    return;
  }
  const save = $('config-save');
  save.disabled = true;
  configFeedback('Saving…');
  try {
    const result = current
      ? await configApi('PUT', '/' + encodeURIComponent(current.pid || entry.pid), { values })
      : await configApi('POST', '/' + encodeURIComponent(entry.factoryPid), { name, values });
    configState.instance = entry.factoryPid ? result.body.pid : null;
    await loadConfigList(true);
    configFeedback(result.body.message + '.');
  } catch (e) {
    showFieldErrors(form, e.fields || {});
    configFeedback('Not saved: ' + e.message, true);
  } finally {
    save.disabled = false;
  }
}

async function deleteInstance(entry, instance) {
  if (!window.confirm('Delete ' + instance.name + ' (' + (instance.file || instance.pid) + ')?')) return;
  try {
    const result = await configApi('DELETE', '/' + encodeURIComponent(instance.pid));
    configState.instance = null;
    await loadConfigList(true);
    configFeedback(result.body.message + '.');
  } catch (e) {
    configFeedback('Not deleted: ' + e.message, true);
  }
}

function loadConfigSection() {
  if (!$('gateway').hidden) loadConfigList(true);
}

window.addEventListener('hashchange', loadConfigSection);
loadConfigSection();
