/*
 * Shared by the dsflow pages. Every text from the server goes in through textContent (never innerHTML): titles and
 * comments are typed by users. Times arrive as ISO-8601 with +08:00 and are shown as Beijing time by reading their
 * digits, whatever the browser's zone. Countdowns run from the server's "now" (the engine clock), not the PC's clock.
 */
var dsflow = (function () {
  'use strict';

  function el(tag, attrs) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined) { return; }
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'className') { e.className = attrs[k]; }
      else { e.setAttribute(k, attrs[k]); }
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) { continue; }
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  /** 2026-11-23T10:00:00+08:00 → 2026-11-23 10:00 (北京时间). */
  function time(iso) {
    return iso ? iso.substring(0, 16).replace('T', ' ') : '—';
  }

  function label(coded) {
    return coded ? coded.label : '—';
  }

  function two(n) { return n < 10 ? '0' + n : '' + n; }

  /** 剩余 1 天 02:05:03, or 已超期 …, from a number of seconds. */
  function countdown(seconds) {
    var late = seconds < 0, s = Math.abs(Math.floor(seconds));
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
    var text = (d > 0 ? d + ' 天 ' : '') + two(h) + ':' + two(m) + ':' + two(r);
    return (late ? '已超期 ' : '剩余 ') + text;
  }

  function age(minutes) {
    var d = Math.floor(minutes / 1440), h = Math.floor(minutes % 1440 / 60), m = minutes % 60;
    return (d > 0 ? d + ' 天 ' : '') + h + ' 小时 ' + m + ' 分';
  }

  /** A cell that counts down each second from the server's remaining seconds at load time. */
  function clockCell(remainingSeconds) {
    if (remainingSeconds === null || remainingSeconds === undefined) { return el('td', {text: '无时限', className: 'muted'}); }
    var td = el('td', {className: 'clock', 'data-remaining': remainingSeconds});
    paint(td, remainingSeconds);
    return td;
  }

  function paint(td, left) {
    td.textContent = countdown(left);
    td.className = 'clock' + (left < 0 ? ' overdue' : left < 3600 ? ' soon' : '');
  }

  var loadedAt = null;
  function startClocks() {
    loadedAt = Date.now();
    setInterval(function () {
      var passed = Math.floor((Date.now() - loadedAt) / 1000);
      document.querySelectorAll('[data-remaining]').forEach(function (td) {
        paint(td, Number(td.getAttribute('data-remaining')) - passed);
      });
    }, 1000);
  }

  function link(href, text) {
    return href ? el('a', {href: href, target: '_blank', text: text}) : document.createTextNode(text);
  }

  function table(headers, rows, emptyText) {
    if (!rows.length) { return el('p', {className: 'empty', text: emptyText}); }
    var head = el('tr');
    headers.forEach(function (h) { head.appendChild(el('th', {text: h})); });
    var t = el('table', {}, el('thead', {}, head));
    var body = el('tbody');
    rows.forEach(function (r) { body.appendChild(r); });
    t.appendChild(body);
    return t;
  }

  function row(cells) {
    var tr = el('tr');
    cells.forEach(function (c) {
      tr.appendChild(c instanceof HTMLElement && c.tagName === 'TD' ? c : el('td', {}, typeof c === 'string' ? c : c));
    });
    return tr;
  }

  /** GET over the app's own REST with the Tasklist session; 401 and 403 become a sentence in the page. */
  function load(url, target, render) {
    return fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest'}})
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (body) { return {status: res.status, body: body}; });
      })
      .then(function (r) {
        target.textContent = '';
        if (r.status === 401) {
          target.appendChild(el('p', {className: 'notice', id: 'signin'}, '请先登录 ',
            el('a', {href: '/camunda/app/tasklist/default/', text: 'Tasklist'}), '，再打开本页。'));
        } else if (r.status !== 200) {
          target.appendChild(el('p', {className: 'notice', id: 'refused', text: (r.body && r.body.message) || ('无法读取（' + r.status + '）')}));
        } else {
          render(r.body, target);
        }
        return r.status;
      });
  }

  return {el: el, time: time, label: label, countdown: countdown, age: age, clockCell: clockCell, startClocks: startClocks,
    link: link, table: table, row: row, load: load};
})();
