// Evidence upload inside the incident's first-response form (issue 18; 000 §6.5: 保存相关痕迹和证据). form-js 1.8.7,
// which Tasklist 7.24 renders, has no file field, so this script (config.js customScripts) adds a section under that
// one form: the file goes to the evidence register's own endpoint, POST /api/incidents/{id}/evidence, with the
// signed-in session and the webapps' CSRF token. The server checks who may upload, hashes the file (SM3), keeps it
// and records it in the audit chain; the page only shows what the server answered.

const FIRST_RESPONSE = 'firstResponse';
// the first response runs in the incident's called emergency response, below the incident itself; its definition id
// is a bare UUID (key:version:UUID would pass Camunda's 64 characters), so the key is asked for, not read from the id
const RESPONSE_PROCESS = 'incident-emergency-response';
const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  hourCycle: 'h23'
});

function beijing(iso) {
  const p = Object.fromEntries(BEIJING.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

function taskIdInAddress() {
  const query = window.location.hash.split('?')[1] || '';
  return new URLSearchParams(query).get('task');
}

function element(tag, attributes, text) {
  const e = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => e.setAttribute(name, value));
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

async function json(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.message || `HTTP ${response.status}`);
  }
  return body;
}

function listEvidence(incidentId, list) {
  fetch(`/api/incidents/${encodeURIComponent(incidentId)}/evidence`, {
    credentials: 'same-origin', headers: {'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest'}
  }).then(json).then((items) => {
    list.replaceChildren(...items.map((item) => element('li', {'data-evidence': String(item.id)},
        `${item.name}　SM3 ${item.sm3}　${item.collectedBy}　${beijing(item.collectedAt)}`)));
    if (!items.length) {
      list.append(element('li', {}, '尚未登记证据。'));
    }
  }).catch((e) => list.replaceChildren(element('li', {}, `证据清单读取失败：${e.message}`)));
}

function section(incidentId) {
  const box = element('fieldset', {'class': 'dsflow-evidence-upload', 'style': 'margin-top:1.5em'});
  box.append(element('legend', {}, '上传证据文件'));
  box.append(element('p', {'class': 'help-block'},
      '文件上传即登记：系统计算 SM3 摘要、保存原件并记入审计链，不随本表单提交，也不能撤回。'));
  const file = element('input', {'type': 'file', 'name': 'evidenceFile', 'aria-label': '证据文件'});
  const sourceLabel = element('label', {'for': 'dsflow-evidence-source'}, '来源（系统、路径）');
  const source = element('input', {'type': 'text', 'id': 'dsflow-evidence-source', 'class': 'form-control',
    'maxlength': '400'});
  const send = element('button', {'type': 'button', 'class': 'btn btn-default'}, '上传');
  const status = element('p', {'class': 'dsflow-evidence-status', 'role': 'status'});
  const list = element('ul', {'class': 'dsflow-evidence-list'});
  box.append(file, sourceLabel, source, send, status, element('p', {}, '已登记的证据：'), list);

  send.addEventListener('click', () => {
    if (!file.files.length) {
      status.textContent = '请选择要上传的文件。';
      return;
    }
    if (!source.value.trim()) {
      status.textContent = '请说明证据来源（系统、路径）。';
      return;
    }
    const body = new FormData();
    body.append('file', file.files[0]);
    body.append('source', source.value.trim());
    send.disabled = true;
    status.textContent = '正在上传…';
    fetch(`/api/incidents/${encodeURIComponent(incidentId)}/evidence`, {
      method: 'POST', credentials: 'same-origin', body,
      headers: {'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest', 'X-XSRF-TOKEN': csrfToken()}
    }).then(json).then((saved) => {
      status.textContent = `已登记：${saved.name}，SM3 ${saved.sm3}`;
      file.value = '';
      listEvidence(incidentId, list);
    }).catch((e) => {
      status.textContent = `上传未成功：${e.message}`;
    }).finally(() => {
      send.disabled = false;
    });
  });
  listEvidence(incidentId, list);
  return box;
}

function engineGet(path) {
  return fetch(`/camunda/api/engine/engine/default/${path}`, {
    credentials: 'same-origin', headers: {'Accept': 'application/json'}
  }).then(json).catch(() => null);
}

// form-js draws into the element Tasklist gives it, re-created for each task opened; the section goes after that
// element, never inside what form-js draws, and a section left from another task is removed
async function offerUpload(container) {
  const taskId = taskIdInAddress();
  if (!taskId || container.dataset.dsflowEvidence) {
    return;
  }
  container.dataset.dsflowEvidence = 'checking';
  const task = await engineGet(`task/${encodeURIComponent(taskId)}`);
  if (!task || task.taskDefinitionKey !== FIRST_RESPONSE || !container.isConnected || taskIdInAddress() !== taskId) {
    return;
  }
  const definition = await engineGet(`process-definition/${encodeURIComponent(task.processDefinitionId)}`);
  // the incident id the response was handed down; the server decides who may upload to which incident
  const incident = await engineGet(`task/${encodeURIComponent(taskId)}/variables/incidentId`);
  if (!definition || definition.key !== RESPONSE_PROCESS || !incident || !incident.value || !container.isConnected
      || taskIdInAddress() !== taskId) {
    return;
  }
  document.querySelectorAll('.dsflow-evidence-upload').forEach((old) => old.remove());
  const added = section(incident.value);
  added.dataset.task = taskId;
  (container.parentElement || container).after(added);
}

new MutationObserver(() => {
  document.querySelectorAll('.fjs-container').forEach((container) => {
    offerUpload(container);
  });
}).observe(document.documentElement, {childList: true, subtree: true});
