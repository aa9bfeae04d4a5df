// Camunda Forms in Chinese (issue 18). Tasklist 7.24 renders forms with form-js 1.8.7, whose validation messages,
// list buttons and date picker are English text built into the library, with no translation hook that Tasklist
// exposes (it creates the form without modules of ours). This script, loaded through config.js customScripts, does
// two things and nothing else:
//  1. form-js derives its date order from Intl.DateTimeFormat('default'): that one call is answered with
//     year-month-day (GB/T 7408), so every date field reads and shows 2026-11-29 whatever the browser's language.
//  2. the English texts form-js and its calendar write into the page are replaced, as they appear, by Chinese ones.
// The server re-validates every value (FormContract, SubmittedFields); nothing here decides anything.

const NativeDateTimeFormat = Intl.DateTimeFormat;

function DsflowDateTimeFormat(locales, options) {
  if (locales === 'default' && options === undefined) {
    const ymd = new NativeDateTimeFormat('zh-CN', {year: 'numeric', month: '2-digit', day: '2-digit'});
    const parts = ymd.formatToParts.bind(ymd);
    ymd.formatToParts = (date) => parts(date).map((p) => (p.type === 'literal' ? {type: 'literal', value: '-'} : p));
    return ymd;
  }
  return new NativeDateTimeFormat(locales, options);
}
DsflowDateTimeFormat.prototype = NativeDateTimeFormat.prototype;
DsflowDateTimeFormat.supportedLocalesOf = NativeDateTimeFormat.supportedLocalesOf.bind(NativeDateTimeFormat);
Intl.DateTimeFormat = DsflowDateTimeFormat;

// form-js 1.8.7's own messages (its validator and number field) and list buttons, in the words of our forms
const MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must have minimum length of (\S+)\.$/, (m) => `至少填写 ${m[1]} 个字。`],
  [/^Field must have maximum length of (\S+)\.$/, (m) => `最多填写 ${m[1]} 个字。`],
  [/^Field must have minimum value of (\S+)\.$/, (m) => `不得小于 ${m[1]}。`],
  [/^Field must have maximum value of (\S+)\.$/, (m) => `不得大于 ${m[1]}。`],
  [/^Field must match pattern .*\.$/, () => '格式不符，请按栏目说明填写。'],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮件地址。'],
  [/^Field must be a valid\s+international phone number.*$/, () => '请填写有效的国际电话号码（如 +8610…）。'],
  [/^Value is not a number\.$/, () => '请填写数字。'],
  [/^Please select a valid value, the two nearest valid values are (\S+) and (\S+)\.$/,
    (m) => `数值无效，最接近的有效值为 ${m[1]} 和 ${m[2]}。`],
  [/^Date and time must both be entered\.$/, () => '日期和时间须同时填写。'],
  [/^Add new$/, () => '添加一项'],
  [/^Collapse$/, () => '收起'],
  [/^Expand all \((\d+)\)$/, (m) => `全部展开（${m[1]}）`],
  [/^No results$/, () => '无匹配项'],
  [/^Search$/, () => '搜索']
];
const WEEKDAYS = {Sun: '日', Mon: '一', Tue: '二', Wed: '三', Thu: '四', Fri: '五', Sat: '六'};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

function chinese(text) {
  const trimmed = text.trim();
  if (!trimmed) {
    return null;
  }
  for (const [pattern, say] of MESSAGES) {
    const m = trimmed.match(pattern);
    if (m) {
      return say(m);
    }
  }
  if (WEEKDAYS[trimmed]) {
    return WEEKDAYS[trimmed];
  }
  const month = MONTHS.indexOf(trimmed);
  return month >= 0 ? `${month + 1}月` : null;
}

function translateText(node) {
  const parent = node.parentElement;
  if (parent && parent.closest('.fjs-container, .flatpickr-calendar')) {
    const said = chinese(node.data);
    if (said !== null && said !== node.data) {
      node.data = said;
    }
  }
}

function translate(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    translateText(node);
  } else if (node.nodeType === Node.ELEMENT_NODE) {
    const texts = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      translateText(text);
    }
    const searches = [node, ...node.querySelectorAll('input[placeholder="Search"]')];
    searches.filter((e) => e.matches('.fjs-container input[placeholder="Search"]')).forEach((e) => {
      e.placeholder = '搜索';
    });
  }
}

new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.type === 'characterData') {
      translate(change.target);
    } else {
      change.addedNodes.forEach(translate);
    }
  }
}).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
